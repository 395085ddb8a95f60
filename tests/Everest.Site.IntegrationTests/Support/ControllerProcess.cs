using System.Globalization;
using System.Text.RegularExpressions;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// The controller as a real child process: <c>dotnet everest-site.dll run --config FILE</c>, started from the
/// build output beside the tests. Started means it printed its <c>everest-site running: N EVSEs</c> line;
/// it can then be killed (SIGKILL, nothing flushed) or terminated (SIGTERM, orderly shutdown).
/// </summary>
internal sealed partial class ControllerProcess : IAsyncDisposable
{
    private const int KeptStderrLines = 60;

    private readonly OutputTail _stderrTail = new(KeptStderrLines);

    /// <summary>Guards the stderr counters and the watched texts, which the stderr reader updates.</summary>
    private readonly Lock _stderr = new();

    private readonly Dictionary<string, int> _watchedLines = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<int> _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EverestSiteChildProcess _process = null!;

    private ControllerProcess()
    {
    }

    public int Id => _process.Id;

    /// <summary>Lines the controller wrote to stderr (its logs) so far.</summary>
    public long StderrLines { get; private set; }

    /// <summary>Characters the controller wrote to stderr so far (its log volume).</summary>
    public long StderrChars { get; private set; }

    /// <summary>From now on counts the stderr lines that contain <paramref name="text"/> (read with <see cref="LinesContaining"/>).</summary>
    public void Watch(string text)
    {
        lock (_stderr)
        {
            _watchedLines.TryAdd(text, 0);
        }
    }

    /// <summary>Stderr lines containing a <see cref="Watch"/>ed text since it was watched.</summary>
    public int LinesContaining(string text)
    {
        lock (_stderr)
        {
            return _watchedLines.GetValueOrDefault(text);
        }
    }

    /// <summary>The last lines the controller wrote to stderr (its logs), for failure messages.</summary>
    public string StderrTail => _stderrTail.ToString();

    /// <summary>Starts the controller and waits for its "running" line; fails with its stderr when it exits or stays silent.</summary>
    public static async Task<ControllerProcess> StartAsync(string configFile, string workingDirectory, int expectedEvses, TimeSpan timeout)
    {
        var controller = new ControllerProcess();

        // Its stdin redirected: the controller never reads the test run's console.
        controller._process = EverestSiteChildProcess.Start(
            "the controller", workingDirectory, ["run", "--config", configFile], controller.OnStdout, controller.RememberStderr, start => start.RedirectStandardInput = true);
        var evses = await controller._process.WaitUntilStartedAsync(
            controller._running.Task,
            timeout,
            why => $"The controller did not start ({why}; waited up to {timeout.TotalSeconds:0} s for 'everest-site running: N EVSEs' on stdout). Its stderr ends with:\n{controller.StderrTail}");
        Assert.True(evses == expectedEvses, $"The controller runs {evses} EVSEs, expected {expectedEvses}.\n{controller.StderrTail}");
        return controller;
    }

    /// <summary>SIGKILL: the process dies at once, with whatever it had received but not stored.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>SIGTERM, then waits for the orderly shutdown; returns the exit code.</summary>
    public Task<int> TerminateAsync(TimeSpan timeout) => _process.TerminateAsync(timeout, () => $"Its stderr ends with:\n{StderrTail}");

    /// <summary>Kills the process if it still runs; safe to call again after a kill or an earlier dispose.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private void OnStdout(string line)
    {
        if (RunningLine().Match(line) is { Success: true } match)
        {
            _running.TrySetResult(int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture));
        }
    }

    private void RememberStderr(string line)
    {
        lock (_stderr)
        {
            StderrLines++;
            StderrChars += line.Length + 1;
            foreach (var text in _watchedLines.Keys.Where(t => line.Contains(t, StringComparison.Ordinal)).ToList())
            {
                _watchedLines[text]++;
            }
        }

        _stderrTail.Add(line);
    }

    [GeneratedRegex(@"^everest-site running: (?<count>\d+) EVSEs$")]
    private static partial Regex RunningLine();
}
