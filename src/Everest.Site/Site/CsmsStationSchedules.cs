using System.Globalization;
using Everest.Site.Domain.Allocation;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Site;

/// <summary>
/// Reads the CSMS's caps out of ocpp_consumer <c>charging_schedules</c>: the entry for <c>evse: 0</c> caps a whole
/// station, an entry for <c>evse: N</c> the station's EVSE number N; in amperes per phase (a schedule in watts is
/// divided by the voltage and its phases; where the CSMS gives L2 and L3 their own limits, the lowest counts for
/// every phase, as the site caps per phase).
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
        return entry is null ? null : ReadEntry(stationId, entry, receivedAt, voltageV, gridPhases, out problem);
    }

    /// <summary>
    /// The caps of the entries for single EVSEs (<c>evse</c> 1 or more), keyed by the EVSE id
    /// <paramref name="evseIdOf"/> gives their number (entries for an EVSE it does not know are skipped). An entry that
    /// does not make sense is left out and its problem kept in <paramref name="problems"/> under its EVSE id, so that
    /// EVSE keeps the cap it had.
    /// </summary>
    public static Dictionary<string, StationCapSchedule> ReadEvses(ChargingSchedules schedules, Func<int, string?> evseIdOf, DateTimeOffset receivedAt, double voltageV, int gridPhases, Dictionary<string, string> problems)
    {
        var caps = new Dictionary<string, StationCapSchedule>(StringComparer.Ordinal);
        foreach (var entry in schedules.Schedules ?? [])
        {
            if (entry is null || entry.Evse <= WholeStation || evseIdOf(entry.Evse) is not { } evseId)
            {
                continue;
            }

            if (ReadEntry(evseId, entry, receivedAt, voltageV, gridPhases, out var problem) is { } cap)
            {
                caps[evseId] = cap;
            }
            else if (problem is not null)
            {
                problems[evseId] = $"evse {entry.Evse.ToString(CultureInfo.InvariantCulture)}: {problem}";
            }
        }

        return caps;
    }

    /// <summary>One entry's cap over time, keyed by <paramref name="key"/> (the station, or the EVSE, it caps).</summary>
    private static StationCapSchedule? ReadEntry(string key, ChargingSchedule entry, DateTimeOffset receivedAt, double voltageV, int gridPhases, out string? problem)
    {
        problem = null;
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
        return new StationCapSchedule(key, startsAt, endsAt, periods);
    }
}
