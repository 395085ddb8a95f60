using System.Globalization;
using System.Text;
using Everest.Site.Evse;

namespace Everest.Site.Hosting;

/// <summary>The demo's plain-text status table: one row per EVSE with its state, power and session energy.</summary>
public static class DemoStatusTable
{
    /// <summary>One row of the table; null values are shown as "-".</summary>
    public sealed record Row(string EvseId, bool Online, string? State, double? PowerKw, double? SessionEnergyKwh);

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
    public static string Render(DateTimeOffset at, IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        var idWidth = Math.Max("EVSE".Length, rows.Count == 0 ? 0 : rows.Max(r => r.EvseId.Length));
        text.AppendLine(CultureInfo.InvariantCulture, $"-- {at:yyyy-MM-dd HH:mm:ss}Z (simulated) --");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"EVSE".PadRight(idWidth)}  {"online",-6}  {"state",-24}  {"kW",8}  {"kWh",8}");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.EvseId.PadRight(idWidth)}  {(row.Online ? "yes" : "no"),-6}  {row.State ?? "-",-24}  {Number(row.PowerKw, "F1"),8}  {Number(row.SessionEnergyKwh, "F2"),8}");
        }

        return text.ToString();
    }

    private static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
