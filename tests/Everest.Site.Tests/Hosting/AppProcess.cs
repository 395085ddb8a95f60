using System.Diagnostics;
using System.Text;

namespace Everest.Site.Tests.Hosting;

/// <summary>
/// The built <c>everest-site</c> app (copied next to the tests, which reference it) run as a real process, with
/// its stdout and stderr collected. Disposing kills it if it is still running.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Lock gate = new();
    private readonly StringBuilder standardOutput = new();
    private readonly StringBuilder standardError = new();
    private readonly List<(string Prefix, TaskCompletionSource<string> Seen)> lineWaiters = [];

    private AppProcess(Process process)
    {
        this.process = process;
    }

    public int Id => process.Id;

    public string StandardOutput
    {
        get
        {
            lock (gate)
            {
                return standardOutput.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (gate)
            {
                return standardError.ToString();
            }
        }
    }

    public static AppProcess Start(string workingDirectory, params string[] arguments)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "everest-site.dll");
        if (!File.Exists(app))
        {
            Assert.Fail($"{app} is missing: the test project must reference src/Everest.Site so that the app is built next to the tests.");
        }

        // The dotnet CLI that runs the tests names itself here; a plain 'dotnet' from PATH otherwise.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);

        // The API token is the configuration's or made by the app, never one from the shell running the tests.
        start.Environment.Remove("EVEREST_SITE_API_TOKEN");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var result = new AppProcess(process);
        process.OutputDataReceived += (_, e) => result.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => result.OnError(e.Data);
        if (!process.Start())
        {
            Assert.Fail($"Could not start {dotnet} {app}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>The first stdout line starting with <paramref name="prefix"/>, or a failure showing what the app wrote.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var existing = standardOutput.ToString().Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (existing is not null)
            {
                return existing;
            }

            lineWaiters.Add((prefix, seen));
        }

        var exited = process.WaitForExitAsync();
        var finished = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        if (finished != seen.Task)
        {
            Assert.Fail($"No stdout line starting with '{prefix}' within {timeout.TotalSeconds} s (exited: {process.HasExited}).{Describe()}");
        }

        return await seen.Task;
    }

    /// <summary>Sends SIGTERM, as a service manager does to stop the controller.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill -TERM {process.Id} failed with exit code {kill.ExitCode}");
    }

    /// <summary>Sends SIGINT, as Ctrl+C in the controller's terminal does.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill -INT {process.Id} failed with exit code {kill.ExitCode}");
    }

    /// <summary>Sends SIGKILL, as a crash or a power cut ends the controller: nothing of it runs afterwards.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>The exit code, or a failure (and a killed process) when it does not exit within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The app did not exit within {timeout.TotalSeconds} s.{Describe()}");
        }

        // Without a timeout this also waits for the redirected streams to be drained.
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private string Describe() =>
        $"{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            standardOutput.Append(line).Append('\n');
            foreach (var waiter in lineWaiters.Where(w => line.StartsWith(w.Prefix, StringComparison.Ordinal)).ToList())
            {
                lineWaiters.Remove(waiter);
                waiter.Seen.TrySetResult(line);
            }
        }
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            standardError.Append(line).Append('\n');
        }
    }
}
