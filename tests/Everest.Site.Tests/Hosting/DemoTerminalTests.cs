using Everest.Site.Diagnostics;
using Everest.Site.Hosting;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace Everest.Site.Tests.Hosting;

/// <summary>The demo's terminal output: the live summary's content, the plain table with its activity line, and the rates.</summary>
public sealed class DemoTerminalTests
{
    private static readonly DemoStatus Status = new(
        new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
        new DemoStatusTable.SiteLine([15.2, 7.5, 0], 15),
        [
            new DemoStatusTable.Row("demo-1-1", Online: true, "Charging", PowerKw: 5.2, SessionEnergyKwh: 0.44, Allocation: "7.5 A (SharedLimit)"),
            new DemoStatusTable.Row("demo-1-2", Online: true, "WaitingForEnergy", PowerKw: 0, SessionEnergyKwh: 0, Allocation: "paused: no room on grid L1"),
        ],
        ["session-a", "session-b"],
        OpenTransactions: 1);

    [Fact]
    public void The_live_summary_shows_the_limit_beside_each_phase_the_evses_and_the_activity()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(text) });
        console.Profile.Width = 160;

        console.Write(DemoLiveSummary.Render(Status, new DemoLiveSummary.Activity(SessionsFinished: 3, MessagesPerSecond: 612.25, EventsPerSecond: 2.5)));

        var output = text.ToString();
        Assert.Contains("2026-03-01 12:00:00Z simulated", output, StringComparison.Ordinal);
        Assert.Contains("site current per phase, limit 15.0 A", output, StringComparison.Ordinal);
        Assert.Matches(@"L1\s+█+\s+15\.2", output);
        Assert.Matches(@"L2\s+█+\s+7\.5", output);
        Assert.Matches(@"demo-1-2\s+│\s+yes\s+│\s+WaitingForEnergy", output);
        Assert.Contains("paused: no room on grid L1", output, StringComparison.Ordinal);
        Assert.Contains("sessions: 2 open (1 in a transaction), 3 finished · EVerest messages 612.2/s · history events 2.5/s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_the_plain_table_is_printed_with_the_activity_line_and_no_escape_sequences()
    {
        using var metrics = new SiteMetrics();
        using var activity = new DemoActivity(metrics);
        var output = new StringWriter();
        var reads = 0;
        var terminal = new DemoTerminal(() => Task.FromResult(Status with { OpenSessionUuids = reads++ == 0 ? ["session-a", "session-b"] : ["session-b"] }), activity, output);
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        await terminal.RunAsync(interactive: false, stopped.Token);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DemoStatusTable.Render(Status.At, Status.Rows, Status.Site).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), lines[..^1]);
        Assert.StartsWith("sessions: 2 open (1 in a transaction), 0 finished · EVerest messages ", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public void Rates_are_what_the_meter_counted_per_wall_second_since_the_previous_reading()
    {
        var clock = new FakeTimeProvider();
        using var metrics = new SiteMetrics();
        using var activity = new DemoActivity(metrics, clock);

        for (var i = 0; i < 10; i++)
        {
            metrics.MessageReceived("everest_api/1/evse_manager_consumer/evse_api_1/e2m/heartbeat");
        }

        metrics.JournalWritten(3, TimeSpan.FromMilliseconds(4), clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((5.0, 1.5), activity.Rates());

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((0.0, 0.0), activity.Rates());
    }
}
