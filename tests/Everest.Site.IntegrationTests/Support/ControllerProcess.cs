using System.Diagnostics;
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

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly Dictionary<string, int> _watchedLines = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<int> _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private ControllerProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    /// <summary>Lines the controller wrote to stderr (its logs) so far.</summary>
    public long StderrLines { get; private set; }

    /// <summary>Characters the controller wrote to stderr so far (its log volume).</summary>
    public long StderrChars { get; private set; }

    /// <summary>From now on counts the stderr lines that contain <paramref name="text"/> (read with <see cref="LinesContaining"/>).</summary>
    public void Watch(string text)
    {
        lock (_stderrTail)
        {
            _watchedLines.TryAdd(text, 0);
        }
    }

    /// <summary>Stderr lines containing a <see cref="Watch"/>ed text since it was watched.</summary>
    public int LinesContaining(string text)
    {
        lock (_stderrTail)
        {
            return _watchedLines.GetValueOrDefault(text);
        }
    }

    /// <summary>The last lines the controller wrote to stderr (its logs), for failure messages.</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderrTail)
            {
                return string.Join(Environment.NewLine, _stderrTail);
            }
        }
    }

    /// <summary>Starts the controller and waits for its "running" line; fails with its stderr when it exits or stays silent.</summary>
    public static async Task<ControllerProcess> StartAsync(string configFile, string workingDirectory, int expectedEvses, TimeSpan timeout)
    {
        var application = Path.Combine(AppContext.BaseDirectory, "everest-site.dll");
        Assert.True(File.Exists(application), $"The controller is not built beside the tests: {application} is missing.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(application);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configFile);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var controller = new ControllerProcess(process);
        process.OutputDataReceived += (_, e) => controller.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => controller.RememberStderr(e.Data);
        process.Exited += (_, _) => controller._running.TrySetException(
            new InvalidOperationException($"the controller exited with code {process.ExitCode} before it was running"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var evses = await controller._running.Task.WaitAsync(timeout);
            Assert.True(evses == expectedEvses, $"The controller runs {evses} EVSEs, expected {expectedEvses}.\n{controller.StderrTail}");
            return controller;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            await controller.DisposeAsync();
            Assert.Fail($"The controller did not start ({exception.Message}; waited up to {timeout.TotalSeconds:0} s for 'everest-site running: N EVSEs' on stdout). Its stderr ends with:\n{controller.StderrTail}");
            throw;
        }
    }

    /// <summary>SIGKILL: the process dies at once, with whatever it had received but not stored.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for the orderly shutdown; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        PosixSignals.Terminate(_process.Id);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The controller did not exit within {timeout.TotalSeconds:0} s of SIGTERM. Its stderr ends with:\n{StderrTail}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process if it still runs; safe to call again after a kill or an earlier dispose.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnStdout(string? line)
    {
        if (line is not null && RunningLine().Match(line) is { Success: true } match)
        {
            _running.TrySetResult(int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture));
        }
    }

    private void RememberStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderrTail)
        {
            StderrLines++;
            StderrChars += line.Length + 1;
            foreach (var text in _watchedLines.Keys.Where(t => line.Contains(t, StringComparison.Ordinal)).ToList())
            {
                _watchedLines[text]++;
            }

            _stderrTail.Enqueue(line);
            if (_stderrTail.Count > KeptStderrLines)
            {
                _stderrTail.Dequeue();
            }
        }
    }

    [GeneratedRegex(@"^everest-site running: (?<count>\d+) EVSEs$")]
    private static partial Regex RunningLine();
}
