using System.Collections.Immutable;

namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// A time-of-use period: on <see cref="Days"/> from <see cref="From"/> to <see cref="To"/> (local time of the tariff
/// book's zone) the prices it sets replace the tariff's own; a price it leaves null stays the tariff's. A window
/// whose <see cref="To"/> is not after its <see cref="From"/> runs past midnight, and <see cref="Days"/> names the
/// day it starts on.
/// </summary>
public sealed record TariffWindow(
    ImmutableArray<DayOfWeek> Days,
    TimeOnly From,
    TimeOnly To,
    decimal? EnergyPerKwh,
    decimal? TimePerHour = null,
    decimal? IdlePerMinute = null)
{
    /// <summary>True when the window is in force at local time <paramref name="local"/>.</summary>
    public bool Covers(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        if (From < To)
        {
            return Days.Contains(local.DayOfWeek) && time >= From && time < To;
        }

        // Past midnight: the evening part belongs to today, the morning part to the window that began yesterday.
        var yesterday = (DayOfWeek)(((int)local.DayOfWeek + 6) % 7);
        return (Days.Contains(local.DayOfWeek) && time >= From) || (Days.Contains(yesterday) && time < To);
    }
}
