using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// One entry of <c>grid.schedule</c>: on <see cref="Days"/>, from <see cref="From"/> until <see cref="To"/>
/// (local time, <c>"HH:mm"</c>; a window whose end is before its start runs past midnight), the grid limit is
/// <see cref="MaxCurrentA"/>.
/// </summary>
public sealed class GridScheduleEntryOptions
{
    public List<Weekday> Days { get; set; } = [];

    public TimeOnly From { get; set; }

    public TimeOnly To { get; set; }

    [ConfigurationKeyName("max-current-a")]
    public double MaxCurrentA { get; set; }
}
