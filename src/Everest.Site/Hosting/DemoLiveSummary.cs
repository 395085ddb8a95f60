using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Everest.Site.Hosting;

/// <summary>
/// The demo's live terminal summary (Spectre.Console): the site's current per phase as bars against its limit, one
/// table row per EVSE with its state and allocation, and the sessions and activity figures.
/// </summary>
public static class DemoLiveSummary
{
    /// <summary>The figures that are counted over the demo's run rather than read from the actors.</summary>
    /// <param name="SessionsFinished">Sessions that were open at an earlier reading and are closed now.</param>
    /// <param name="MessagesPerSecond">EVerest API messages the controller received per wall second.</param>
    /// <param name="EventsPerSecond">History events the EVSE actors wrote per wall second.</param>
    public sealed record Activity(int SessionsFinished, double MessagesPerSecond, double EventsPerSecond);

    /// <summary>The summary of <paramref name="status"/>.</summary>
    public static IRenderable Render(DemoStatus status, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(activity);
        var parts = new List<IRenderable>
        {
            new Rule(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"everest-site demo · {status.At:yyyy-MM-dd HH:mm:ss}Z simulated"))).LeftJustified(),
            SiteLoad(status.Site),
            Evses(status.Rows),
            new Markup(Markup.Escape(Footer(status, activity))),
        };
        return new Rows(parts);
    }

    /// <summary>The summary's last line in words: sessions and activity.</summary>
    public static string Footer(DemoStatus status, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(activity);
        return string.Create(CultureInfo.InvariantCulture,
            $"sessions: {status.OpenSessionUuids.Count} open ({status.OpenTransactions} in a transaction), {activity.SessionsFinished} finished · EVerest messages {activity.MessagesPerSecond:F1}/s · history events {activity.EventsPerSecond:F1}/s");
    }

    private static IRenderable SiteLoad(DemoStatusTable.SiteLine? site)
    {
        if (site is null)
        {
            return new Markup("[grey]site: no answer from the site actor yet[/]");
        }

        // Bars on a scale a little above the limit, so that the limit is visible as the point where the colour turns.
        var chart = new BarChart()
            .Label(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"site current per phase, limit {site.LimitA:F1} A")))
            .WithMaxValue(Math.Max(site.LimitA * 1.25, site.PhaseCurrentA.DefaultIfEmpty(0).Max()))
            .Width(60);
        foreach (var (current, index) in site.PhaseCurrentA.Select((a, i) => (a, i)))
        {
            var colour = current > site.LimitA ? Color.Red : current > site.LimitA * 0.9 ? Color.Yellow : Color.Green;
            chart.AddItem(string.Create(CultureInfo.InvariantCulture, $"L{index + 1}"), Math.Round(current, 1), colour);
        }

        return chart;
    }

    private static Table Evses(IReadOnlyList<DemoStatusTable.Row> rows)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("EVSE")
            .AddColumn("online")
            .AddColumn("state")
            .AddColumn(new TableColumn("kW").RightAligned())
            .AddColumn(new TableColumn("kWh").RightAligned())
            .AddColumn("allocation");
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.EvseId),
                row.Online ? "[green]yes[/]" : "[red]no[/]",
                Markup.Escape(row.State ?? "-"),
                Number(row.PowerKw, "F1"),
                Number(row.SessionEnergyKwh, "F2"),
                Markup.Escape(row.Allocation ?? "-"));
        }

        return table;
    }

    private static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
