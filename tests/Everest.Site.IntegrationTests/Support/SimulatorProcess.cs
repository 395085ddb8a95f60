using System.Diagnostics;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// <c>everest-site simulate</c> as a real child process, from the same build output as the controller. Started
/// means it printed its <c>simulating N EVSEs …</c> line; it is stopped with SIGTERM (it then prints its summary).
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private SimulatorProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The last lines it wrote (stdout and stderr), for failure messages.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    /// <param name="arguments">What follows <c>simulate</c> on the command line.</param>
    public static async Task<SimulatorProcess> StartAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var application = Path.Combine(AppContext.BaseDirectory, "everest-site.dll");
        Assert.True(File.Exists(application), $"everest-site is not built beside the tests: {application} is missing.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(application);
        start.ArgumentList.Add("simulate");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var simulator = new SimulatorProcess(process);
        process.OutputDataReceived += (_, e) => simulator.OnLine(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => simulator.OnLine(e.Data, stdout: false);
        process.Exited += (_, _) => simulator._running.TrySetException(new InvalidOperationException($"the simulator exited with code {process.ExitCode}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await simulator._running.Task.WaitAsync(timeout);
            return simulator;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            await simulator.DisposeAsync();
            Assert.Fail($"The simulator did not start ({exception.Message}). It wrote:\n{simulator.Tail}");
            throw;
        }
    }

    /// <summary>SIGTERM, then waits for it to end; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        PosixSignals.Terminate(_process.Id);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The simulator did not exit within {timeout.TotalSeconds:0} s of SIGTERM. It wrote:\n{Tail}");
        }

        return _process.ExitCode;
    }

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

    private void OnLine(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        if (stdout && line.StartsWith("simulating ", StringComparison.Ordinal))
        {
            _running.TrySetResult();
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
