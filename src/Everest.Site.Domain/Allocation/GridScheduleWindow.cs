namespace Everest.Site.Domain.Allocation;

/// <summary>
/// On <see cref="Days"/>, from <see cref="From"/> until <see cref="To"/> (local time of the site), the grid
/// connection's per-phase limit is lowered to <see cref="MaxCurrentA"/>. A window whose end is not after its
/// start runs past midnight into the next day.
/// </summary>
public sealed record GridScheduleWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To, double MaxCurrentA)
{
    /// <summary>Whether the window covers the local date and time <paramref name="local"/>.</summary>
    public bool Covers(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        if (From < To)
        {
            return Days.Contains(local.DayOfWeek) && time >= From && time < To;
        }

        // Past midnight: the evening part belongs to the start day, the morning part to the day after it.
        return (Days.Contains(local.DayOfWeek) && time >= From)
            || (Days.Contains(local.AddDays(-1).DayOfWeek) && time < To);
    }
}
