using System.Globalization;

namespace Everest.Site.Benchmarks.Allocation;

internal static partial class AcnLookahead
{
    private const int PeriodsPerDay = 24 * 60 / AcnReplay.PeriodMinutes;
    private const int PeriodsPerHour = 60 / AcnReplay.PeriodMinutes;

    /// <summary>2019-03-10 02:00 Pacific standard time, when the clocks went forward: the data set counts real time.</summary>
    private const int DaylightSavingStart = (9 * PeriodsPerDay) + (2 * PeriodsPerHour);

    /// <summary>Period 0 (2019-03-01) was a Friday: Monday is 0.</summary>
    private const int FirstWeekday = 4;

    /// <summary>Forecast arrivals are grouped into slots of this many periods (15 minutes) so a profile stays small.</summary>
    private const int ProfileSlot = 3;

    /// <summary>Periods since 2019-03-01 00:00 on the garage's clock (an hour ahead after the change to summer time).</summary>
    private static int Local(int period) => period >= DaylightSavingStart ? period + PeriodsPerHour : period;

    private static int Absolute(int local) => local >= DaylightSavingStart + PeriodsPerHour ? local - PeriodsPerHour : local;

    private static bool IsWeekend(int day) => (FirstWeekday + day) % 7 >= 5;

    /// <summary>
    /// A forecast of the coming arrivals made only from sessions that have already arrived (the controller's own
    /// journal), or of the hours in which the site will have capacity to spare (from its own past use).
    /// </summary>
    /// <param name="Kind">
    /// <c>forecast</c>: the finished sessions of the day before, a day later; <c>week</c>: the sessions of the same weekday a
    /// week before, or of the last earlier day of the same kind (weekday or weekend) when there is none; <c>weeks</c>: every
    /// earlier same weekday, each session weighted by one over their number (falling back as <c>week</c>); <c>profile</c>:
    /// every earlier day of the same kind, each session weighted by one over the number of those days (the mean arrival
    /// profile); <c>empty</c>: no cars, but the capacity left unused at the same time of the earlier days of the same kind.
    /// </param>
    /// <param name="Horizon">Periods ahead that are forecast.</param>
    /// <param name="Scale">Each forecast car's request and rate are multiplied by this (fewer cars than seen).</param>
    /// <param name="PhantomValue">What a kWh planned for a forecast car is worth beside a real car's.</param>
    private sealed record Forecast(string Kind, int Horizon, double Scale, double PhantomValue)
    {
        public static Forecast? Parse(string policy)
        {
            var parts = policy.Split('-');
            if (parts[0] is not ("forecast" or "week" or "weeks" or "profile" or "empty"))
            {
                return null;
            }

            var scale = 1.0;
            var value = 1.0;
            foreach (var option in parts.Skip(2))
            {
                var number = double.Parse(option[1..], CultureInfo.InvariantCulture);
                switch (option[0])
                {
                    case 's':
                        scale = number;
                        break;
                    case 'v':
                        value = number;
                        break;
                    default:
                        throw new ArgumentException($"unknown option '{option}' in policy '{policy}': s<scale> or v<value>");
                }
            }

            return new Forecast(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), scale, value);
        }

        /// <summary>Forecast cars arriving after period <paramref name="now"/>, from the first <paramref name="arrived"/> sessions only.</summary>
        public IEnumerable<Car> Phantoms(List<AcnSession> sessions, int arrived, int now)
        {
            var known = sessions.Take(arrived);
            return Kind switch
            {
                "forecast" => known
                    .Where(p => p.Arrival > now - PeriodsPerDay && p.Arrival <= now - PeriodsPerDay + Horizon && p.Departure <= now)
                    .Select(p => new Car(Scale * p.RequestedKwh, Scale * Rate(p), p.Arrival + PeriodsPerDay - now, p.Departure + PeriodsPerDay - now, Phantom: true)),
                "week" => Shifted(known, now, ReferenceDays.Week),
                "weeks" => Shifted(known, now, ReferenceDays.SameWeekdays),
                "profile" => Shifted(known, now, ReferenceDays.AllOfTheKind),
                _ => [],
            };
        }

        /// <summary>
        /// The capacity (kWh) expected to go unused in each of the next <see cref="Horizon"/> periods (index 0: the one
        /// after now): the mean, over the earlier days of the same kind, of what the site left unused at the same time
        /// of day. Null when this forecast is not of that kind or there is no such day yet.
        /// </summary>
        public double[]? SpareCapacity(double[] used, double capacity, int now)
        {
            if (Kind != "empty")
            {
                return null;
            }

            var spare = new double[Horizon];
            for (var j = 0; j < Horizon; j++)
            {
                var local = Local(now + 1 + j);
                var day = local / PeriodsPerDay;
                var days = Enumerable.Range(0, Local(now) / PeriodsPerDay).Where(d => IsWeekend(d) == IsWeekend(day)).ToList();
                if (days.Count == 0)
                {
                    return null;
                }

                spare[j] = days.Average(d => capacity - used[Absolute(local - ((day - d) * PeriodsPerDay))]);
            }

            return spare;
        }

        private enum ReferenceDays
        {
            Week,
            SameWeekdays,
            AllOfTheKind,
        }

        private IEnumerable<Car> Shifted(IEnumerable<AcnSession> known, int now, ReferenceDays reference)
        {
            var today = Local(now) / PeriodsPerDay;
            var lastDay = Local(now + Horizon) / PeriodsPerDay;
            var byDay = known.GroupBy(s => Local(s.Arrival) / PeriodsPerDay).ToDictionary(g => g.Key, g => g.ToList());
            var slots = new Dictionary<(int Arrival, int Departure), (double Kwh, double Rate)>();
            for (var day = today; day <= lastDay; day++)
            {
                // Only days wholly in the past: every one of their sessions has arrived.
                var earlier = Enumerable.Range(0, today).Where(d => IsWeekend(d) == IsWeekend(day)).ToList();
                var sameWeekday = earlier.Where(d => (day - d) % 7 == 0).ToList();
                List<int> days = reference == ReferenceDays.AllOfTheKind ? earlier
                    : reference == ReferenceDays.SameWeekdays && sameWeekday.Count > 0 ? sameWeekday
                    : day - 7 >= 0 && day - 7 < today ? [day - 7]
                    : earlier.Count > 0 ? [earlier[^1]]
                    : [];
                foreach (var d in days)
                {
                    foreach (var past in byDay.GetValueOrDefault(d) ?? [])
                    {
                        var shift = (day - d) * PeriodsPerDay;
                        var arrival = Absolute(Local(past.Arrival) + shift);
                        if (arrival <= now || arrival > now + Horizon)
                        {
                            continue;
                        }

                        var departure = Absolute(Local(past.Departure) + shift);
                        var key = (arrival - (arrival % ProfileSlot), departure - (departure % ProfileSlot));
                        var sum = slots.GetValueOrDefault(key);
                        slots[key] = (sum.Kwh + (past.RequestedKwh / days.Count), sum.Rate + (Rate(past) / days.Count));
                    }
                }
            }

            return slots.Where(s => s.Key.Departure > Math.Max(s.Key.Arrival, now + 1))
                .Select(s => new Car(Scale * s.Value.Kwh, Scale * s.Value.Rate, Math.Max(1, s.Key.Arrival - now), s.Key.Departure - now, Phantom: true));
        }
    }

    /// <summary>The most a session's car takes in one period (kWh).</summary>
    private static double Rate(AcnSession session) => Math.Min(session.MaxPowerKw, AcnReplay.EvseMaxA * AcnReplay.Volts / 1000) * PeriodHours;
}
