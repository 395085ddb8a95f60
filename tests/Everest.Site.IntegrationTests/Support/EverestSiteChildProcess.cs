using System.Diagnostics;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// <c>everest-site</c> from the build output beside the tests as a real child process: started with a command line,
/// each line it writes handed to its owner (which knows what its start line looks like and what to keep), ended with
/// SIGKILL or SIGTERM, and killed when disposed if it still runs. <see cref="ControllerProcess"/>,
/// <see cref="SimulatorProcess"/> and <see cref="DemoProcess"/> are its owners.
/// </summary>
internal sealed class EverestSiteChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private EverestSiteChildProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    public int Id => _process.Id;

    /// <param name="name">What it is, for failure messages ("the controller").</param>
    /// <param name="arguments">What follows <c>everest-site</c> on the command line.</param>
    /// <param name="adjust">Changes to the start (a redirected stdin, an environment variable taken away), where the owner needs one.</param>
    public static EverestSiteChildProcess Start(
        string name, string workingDirectory, IEnumerable<string> arguments, Action<string> onStdout, Action<string> onStderr, Action<ProcessStartInfo>? adjust = null)
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
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        adjust?.Invoke(start);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new EverestSiteChildProcess(process, name);
        process.OutputDataReceived += (_, e) => Hand(e.Data, onStdout);
        process.ErrorDataReceived += (_, e) => Hand(e.Data, onStderr);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Waits until the owner completes <paramref name="started"/> (on reading its start line). Should the process exit
    /// first or stay silent past <paramref name="timeout"/>, kills it and fails the test with the message
    /// <paramref name="failure"/> makes of why it did not start.
    /// </summary>
    public async Task<T> WaitUntilStartedAsync<T>(Task<T> started, TimeSpan timeout, Func<string, string> failure)
    {
        string why;
        try
        {
            if (await Task.WhenAny(started, _exited.Task).WaitAsync(timeout) == started)
            {
                return await started;
            }

            why = $"{_name} exited with code {_process.ExitCode} before it was running";
        }
        catch (TimeoutException)
        {
            why = $"{_name} was not running after {timeout.TotalSeconds:0} s";
        }

        await DisposeAsync();
        Assert.Fail(failure(why));
        throw new UnreachableException();
    }

    /// <summary>SIGKILL: the process dies at once, with whatever it had received but not stored.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for the orderly shutdown and returns the exit code; fails the test with <paramref name="output"/> if it does not end in time.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout, Func<string> output)
    {
        PosixSignals.Terminate(_process.Id);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{_name} did not exit within {timeout.TotalSeconds:0} s of SIGTERM. {output()}");
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

    /// <summary>Hands on a line; the null that marks the end of a stream is not one.</summary>
    private static void Hand(string? line, Action<string> to)
    {
        if (line is not null)
        {
            to(line);
        }
    }
}
