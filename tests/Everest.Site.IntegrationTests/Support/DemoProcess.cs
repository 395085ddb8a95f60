using System.Diagnostics;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// <c>everest-site demo</c> as a real child process on free ports (<c>--port 0 --http-port 0</c>), started from the
/// build output beside the tests in its own working directory. Started means it printed its dashboard URL.
/// </summary>
internal sealed class DemoProcess : IAsyncDisposable
{
    private const int KeptStderrLines = 60;

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly TaskCompletionSource<string> _dashboard = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _workingDirectory;
    private bool _disposed;

    private DemoProcess(Process process, string workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
    }

    /// <summary>The dashboard URL the demo printed, with the API token in its fragment.</summary>
    public Uri DashboardUrl { get; private set; } = null!;

    /// <summary>The API token made for this run (from the URL's fragment).</summary>
    public string ApiToken => Uri.UnescapeDataString(DashboardUrl.Fragment["#token=".Length..]);

    /// <summary>The folder the demo runs in (its <c>data/</c> is there).</summary>
    public string WorkingDirectory => _workingDirectory;

    /// <summary>The base address of the HTTP API.</summary>
    public Uri BaseAddress => new(DashboardUrl.GetLeftPart(UriPartial.Authority));

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

    public static async Task<DemoProcess> StartAsync(TimeSpan duration, TimeSpan timeout)
    {
        var application = Path.Combine(AppContext.BaseDirectory, "everest-site.dll");
        Assert.True(File.Exists(application), $"The controller is not built beside the tests: {application} is missing.");
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-dashboard-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in new[] { application, "demo", "--port", "0", "--http-port", "0", "--duration", duration.ToString("c") })
        {
            start.ArgumentList.Add(argument);
        }

        // The token is made by the demo and read from the URL it prints, as a user would.
        start.Environment.Remove("EVEREST_SITE_API_TOKEN");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var demo = new DemoProcess(process, workingDirectory);
        process.OutputDataReceived += (_, e) => demo.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => demo.RememberStderr(e.Data);
        process.Exited += (_, _) => demo._dashboard.TrySetException(new InvalidOperationException($"the demo exited with code {process.ExitCode} before it printed its dashboard URL"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            demo.DashboardUrl = new Uri(await demo._dashboard.Task.WaitAsync(timeout));
            return demo;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            await demo.DisposeAsync();
            Assert.Fail($"The demo did not start ({exception.Message}; waited {timeout.TotalSeconds:0} s for 'dashboard: URL' on stdout). Its stderr ends with:\n{demo.StderrTail}");
            throw;
        }
    }

    /// <summary>SIGTERM, as Ctrl+C or a service manager would; the exit code once it has stopped.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        PosixSignals.Terminate(_process.Id);
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
        Directory.Delete(_workingDirectory, recursive: true);
    }

    private void OnStdout(string? line)
    {
        const string Prefix = "dashboard: ";
        if (line is not null && line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            _dashboard.TrySetResult(line[Prefix.Length..].Trim());
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
            _stderrTail.Enqueue(line);
            while (_stderrTail.Count > KeptStderrLines)
            {
                _stderrTail.Dequeue();
            }
        }
    }
}
