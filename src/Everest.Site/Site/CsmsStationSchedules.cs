using System.Globalization;
using Everest.Site.Domain.Allocation;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Site;

/// <summary>
/// Reads the CSMS's cap on a whole station out of ocpp_consumer <c>charging_schedules</c>: the entry for
/// <c>evse: 0</c>, in amperes per phase (a schedule in watts is divided by the voltage and its phases; where the
/// CSMS gives L2 and L3 their own limits, the lowest counts for every phase, as the site caps a station per phase).
/// </summary>
internal static class CsmsStationSchedules
{
    /// <summary>The EVSE number OCPP uses for the whole station.</summary>
    private const int WholeStation = 0;

    /// <summary>
    /// The station cap of <paramref name="schedules"/> for <paramref name="stationId"/>; null with no
    /// <paramref name="problem"/> when the CSMS sent none for the whole station, null with a problem when the entry
    /// does not make sense (the station is then left as it was).
    /// </summary>
    public static StationCapSchedule? Read(string stationId, ChargingSchedules schedules, DateTimeOffset receivedAt, double voltageV, int gridPhases, out string? problem)
    {
        problem = null;
        var entry = schedules.Schedules?.FirstOrDefault(s => s is not null && s.Evse == WholeStation);
        if (entry is null)
        {
            return null;
        }

        var watts = string.Equals(entry.ChargingRateUnit, "W", StringComparison.OrdinalIgnoreCase);
        if (!watts && !string.Equals(entry.ChargingRateUnit, "A", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"charging_rate_unit '{entry.ChargingRateUnit}' is neither A nor W";
            return null;
        }

        var startsAt = receivedAt;
        if (entry.StartSchedule is { } start
            && !DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out startsAt))
        {
            problem = $"start_schedule '{start}' is not a time";
            return null;
        }

        var periods = new List<StationCapPeriod>();
        foreach (var period in (entry.ChargingSchedulePeriod ?? []).Where(p => p is not null).OrderBy(p => p.StartPeriod))
        {
            var limit = Math.Min(period.Limit, Math.Min(period.LimitL2 ?? double.PositiveInfinity, period.LimitL3 ?? double.PositiveInfinity));
            if (!double.IsFinite(limit) || limit < 0 || period.StartPeriod < 0)
            {
                problem = $"a period starting at {period.StartPeriod} s has the limit {limit.ToString(CultureInfo.InvariantCulture)}";
                return null;
            }

            var phases = period.NumberPhases is { } n and (1 or 2 or 3) ? n : gridPhases;
            periods.Add(new StationCapPeriod(TimeSpan.FromSeconds(period.StartPeriod), watts ? limit / (voltageV * phases) : limit));
        }

        if (periods.Count == 0)
        {
            problem = "the schedule has no periods";
            return null;
        }

        DateTimeOffset? endsAt = entry.Duration is { } seconds and > 0 ? startsAt.AddSeconds(seconds) : null;
        return new StationCapSchedule(stationId, startsAt, endsAt, periods);
    }
}
