using System.Globalization;
using System.Text;
using Everest.Site.Domain.Allocation;
using Everest.Site.Evse;
using Everest.Site.Site;

namespace Everest.Site.Hosting;

/// <summary>
/// The demo's plain-text status table: the site's current per phase beside its limit, then one row per EVSE with its
/// state, power, session energy and what the site allocated to it.
/// </summary>
public static class DemoStatusTable
{
    /// <summary>One row of the table; null values are shown as "-".</summary>
    /// <param name="Allocation">The site's decision for the EVSE, in words (e.g. <c>16.0 A</c>, <c>paused: no room on grid L1</c>).</param>
    public sealed record Row(string EvseId, bool Online, string? State, double? PowerKw, double? SessionEnergyKwh, string? Allocation = null);

    /// <summary>The site line: measured current per grid phase and the per-phase limit in force (after the schedule, margin taken off).</summary>
    public sealed record SiteLine(IReadOnlyList<double> PhaseCurrentA, double LimitA);

    /// <summary>The site line of a <see cref="SiteStatus"/>.</summary>
    public static SiteLine SiteLineOf(SiteStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var grid = status.Limits.Where(l => l.Kind == LimitKind.PhaseCurrent && l.Name.StartsWith(SiteModel.GridId + " ", StringComparison.Ordinal)).ToList();
        return new SiteLine(status.SiteCurrentA, grid.Count > 0 ? grid.Min(l => l.Limit) : status.GridLimitA);
    }

    /// <summary>The site's decision for one EVSE in a few words.</summary>
    public static string AllocationOf(SiteEvseStatus evse)
    {
        ArgumentNullException.ThrowIfNull(evse);
        var decision = evse.Decision;
        return decision.Charging
            ? string.Create(CultureInfo.InvariantCulture, $"{decision.CurrentA:F1} A ({decision.Reason})")
            : decision.Reason switch
            {
                AllocationReason.Idle => "-",
                AllocationReason.NoCapacity => $"paused: no room on {decision.LimitedBy ?? "the limits"}",
                AllocationReason.TurnOver => "paused: turn over",
                AllocationReason.MinimumPause => "paused: minimum pause",
                AllocationReason.Reserved => "reserved",
                AllocationReason.Offline => "offline",
                _ => decision.Reason.ToString(),
            };
    }

    /// <summary>The row of one EVSE actor's snapshot (power from the latest powermeter, energy from session_info).</summary>
    public static Row RowOf(EvseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var live = snapshot.Live;
        double? powerW = live.Powermeter?.PowerW?.Total ?? live.SessionInfo?.LatestTotalW;
        return new Row(
            snapshot.EvseId,
            live.Online,
            live.SessionInfo?.State.ToString() ?? snapshot.Status.State,
            powerW / 1000,
            live.SessionInfo?.ChargedEnergyWh / 1000.0);
    }

    /// <summary>The table, headed by the simulated time it shows.</summary>
    public static string Render(DateTimeOffset at, IReadOnlyList<Row> rows, SiteLine? site = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        var idWidth = Math.Max("EVSE".Length, rows.Count == 0 ? 0 : rows.Max(r => r.EvseId.Length));
        text.AppendLine(CultureInfo.InvariantCulture, $"-- {at:yyyy-MM-dd HH:mm:ss}Z (simulated) --");
        if (site is not null)
        {
            var phases = string.Join("  ", site.PhaseCurrentA.Select((a, i) => string.Create(CultureInfo.InvariantCulture, $"L{i + 1} {a,5:F1}")));
            text.AppendLine(CultureInfo.InvariantCulture, $"site  {phases}  A of {site.LimitA:F1} A per phase");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{"EVSE".PadRight(idWidth)}  {"online",-6}  {"state",-24}  {"kW",8}  {"kWh",8}  allocation");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.EvseId.PadRight(idWidth)}  {(row.Online ? "yes" : "no"),-6}  {row.State ?? "-",-24}  {Number(row.PowerKw, "F1"),8}  {Number(row.SessionEnergyKwh, "F2"),8}  {row.Allocation ?? "-"}");
        }

        return text.ToString();
    }

    private static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
