using Spectre.Console;

namespace Everest.Site.Hosting;

/// <summary>
/// Shows the demo's status until it stops: a live Spectre.Console summary redrawn every second when stdout is an
/// interactive terminal; otherwise (a pipe, a file, a script) the plain <see cref="DemoStatusTable"/> every
/// <see cref="PlainInterval"/>, followed by the summary's sessions-and-activity line, so that what scripts read stays
/// plain text without escape sequences.
/// </summary>
public sealed class DemoTerminal(Func<Task<DemoStatus>> read, DemoActivity activity, TextWriter output)
{
    /// <summary>How often the plain table is printed, in wall time.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often the live summary is redrawn, in wall time.</summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    /// <summary>Every session uuid seen open, so that the ones no longer open count as finished.</summary>
    private readonly HashSet<string> _sessionsSeen = new(StringComparer.Ordinal);

    /// <summary>True when stdout is a terminal a person watches (not redirected, and a terminal that can draw).</summary>
    public static bool StandardOutputIsInteractive() =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");

    /// <summary>Shows the status until <paramref name="stop"/>, then once more (the final state).</summary>
    public Task RunAsync(bool interactive, CancellationToken stop) => interactive ? RunLiveAsync(stop) : RunPlainAsync(stop);

    private async Task RunPlainAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(PlainInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                await PrintPlainAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }

        await PrintPlainAsync().ConfigureAwait(false);
    }

    private async Task PrintPlainAsync()
    {
        var status = await read().ConfigureAwait(false);
        await output.WriteAsync(DemoStatusTable.Render(status.At, status.Rows, status.Site)).ConfigureAwait(false);
        await output.WriteLineAsync(DemoLiveSummary.Footer(status, Count(status))).ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task RunLiveAsync(CancellationToken stop)
    {
        // On the writer the command captured: Console.Out itself is sent to stderr while the demo runs.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        var first = await read().ConfigureAwait(false);
        await console.Live(DemoLiveSummary.Render(first, Count(first))).AutoClear(false).StartAsync(async context =>
        {
            using var timer = new PeriodicTimer(LiveInterval, TimeProvider.System);
            try
            {
                while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                {
                    var status = await read().ConfigureAwait(false);
                    context.UpdateTarget(DemoLiveSummary.Render(status, Count(status)));
                    context.Refresh();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopping is the normal way out; the last summary stays on screen.
            }
        }).ConfigureAwait(false);
    }

    private DemoLiveSummary.Activity Count(DemoStatus status)
    {
        _sessionsSeen.UnionWith(status.OpenSessionUuids);
        var (messages, events) = activity.Rates();
        return new DemoLiveSummary.Activity(_sessionsSeen.Count - status.OpenSessionUuids.Count, messages, events);
    }
}
