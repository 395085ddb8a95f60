using System.Collections.Immutable;

namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// One version of a tariff. Versions of the same <see cref="Id"/> follow each other by <see cref="ValidFrom"/>;
/// the version in force when a transaction starts prices that whole transaction, and its CDR names it.
/// </summary>
/// <param name="ValidFrom">From when this version applies; null for a first version that has always applied.</param>
/// <param name="EnergyPerKwh">Price per kWh.</param>
/// <param name="TimePerHour">Price per hour of charging (energy flowing).</param>
/// <param name="SessionFee">Fixed price per transaction.</param>
/// <param name="IdlePerMinute">Price per minute of billable idle time after <paramref name="IdleGracePeriod"/>.</param>
/// <param name="IdleGracePeriod">Billable idle time that is free, per transaction.</param>
/// <param name="Windows">Time-of-use periods; where several cover an instant, the last one listed wins.</param>
public sealed record Tariff(
    string Id,
    int Version,
    DateTimeOffset? ValidFrom,
    decimal EnergyPerKwh,
    decimal TimePerHour,
    decimal SessionFee,
    decimal IdlePerMinute,
    TimeSpan IdleGracePeriod,
    ImmutableArray<TariffWindow> Windows)
{
    /// <summary>A tariff with only an energy price.</summary>
    public static Tariff PerKwh(string id, decimal energyPerKwh) =>
        new(id, 1, null, energyPerKwh, 0, 0, 0, TimeSpan.Zero, []);

    /// <summary>The prices in force at <paramref name="at"/>, with windows read in <paramref name="zone"/>'s local time.</summary>
    public TariffRates RatesAt(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        for (var i = Windows.Length - 1; i >= 0; i--)
        {
            var window = Windows[i];
            if (window.Covers(local))
            {
                return new TariffRates(window.EnergyPerKwh ?? EnergyPerKwh, window.TimePerHour ?? TimePerHour, window.IdlePerMinute ?? IdlePerMinute);
            }
        }

        return new TariffRates(EnergyPerKwh, TimePerHour, IdlePerMinute);
    }

    /// <summary>
    /// Every instant in <c>(from, to)</c> where a window may begin or end: the only places where the rates can change.
    /// Some are not real changes (a window on another weekday); splitting there is harmless.
    /// </summary>
    public IEnumerable<DateTimeOffset> WindowEdges(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (Windows.IsEmpty || to <= from)
        {
            yield break;
        }

        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, zone).DateTime).AddDays(1);
        var edges = new SortedSet<DateTimeOffset>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var edge in WindowEdgeCache.EdgesOn(this, zone, day))
            {
                if (edge > from && edge < to)
                {
                    edges.Add(edge);
                }
            }
        }

        foreach (var edge in edges)
        {
            yield return edge;
        }
    }

    /// <summary>
    /// A local wall-clock time as an instant. A time skipped by a daylight-saving change maps to the instant the
    /// clocks jumped (the first instant whose local time is not earlier); a time that occurs twice maps to its first
    /// occurrence.
    /// </summary>
    public static DateTimeOffset LocalToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The jump lies between local - offsetAfter and local - offsetBefore (UTC); gaps are at most a few hours
            // and transitions fall on whole minutes, so a walk by minutes finds it exactly.
            var offsetBefore = zone.GetUtcOffset(local.AddHours(-6));
            var offsetAfter = zone.GetUtcOffset(local.AddHours(6));
            var utc = DateTime.SpecifyKind(local - offsetAfter, DateTimeKind.Utc);
            var latest = DateTime.SpecifyKind(local - offsetBefore, DateTimeKind.Utc);
            while (utc < latest && TimeZoneInfo.ConvertTimeFromUtc(utc, zone) < local)
            {
                utc = utc.AddMinutes(1);
            }

            return new DateTimeOffset(utc, TimeSpan.Zero);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
