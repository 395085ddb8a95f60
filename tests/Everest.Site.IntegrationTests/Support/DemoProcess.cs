namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// <c>everest-site demo</c> as a real child process on free ports (<c>--port 0 --http-port 0</c>), started from the
/// build output beside the tests in its own working directory. Started means it printed its dashboard URL.
/// </summary>
internal sealed class DemoProcess : IAsyncDisposable
{
    private const int KeptStderrLines = 60;

    private readonly OutputTail _stderrTail = new(KeptStderrLines);
    private readonly TaskCompletionSource<string> _dashboard = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _workingDirectory;
    private EverestSiteChildProcess? _process;
    private bool _disposed;

    private DemoProcess(string workingDirectory)
    {
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

    public string StderrTail => _stderrTail.ToString();

    public static async Task<DemoProcess> StartAsync(TimeSpan duration, TimeSpan timeout)
    {
        var demo = new DemoProcess(Directory.CreateTempSubdirectory("everest-site-dashboard-").FullName);

        try
        {
            // The token is made by the demo and read from the URL it prints, as a user would.
            demo._process = EverestSiteChildProcess.Start(
                "the demo",
                demo._workingDirectory,
                ["demo", "--port", "0", "--http-port", "0", "--duration", duration.ToString("c")],
                demo.OnStdout,
                demo._stderrTail.Add,
                start => start.Environment.Remove("EVEREST_SITE_API_TOKEN"));
            var url = await demo._process.WaitUntilStartedAsync(
                demo._dashboard.Task,
                timeout,
                why => $"The demo did not start ({why}; waited {timeout.TotalSeconds:0} s for 'dashboard: URL' on stdout). Its stderr ends with:\n{demo.StderrTail}");
            demo.DashboardUrl = new Uri(url);
            return demo;
        }
        catch
        {
            // Its folder goes with it.
            await demo.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGTERM, as Ctrl+C or a service manager would; the exit code once it has stopped.</summary>
    public Task<int> TerminateAsync(TimeSpan timeout) => _process!.TerminateAsync(timeout, () => $"Its stderr ends with:\n{StderrTail}");

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Directory.Delete(_workingDirectory, recursive: true);
    }

    private void OnStdout(string line)
    {
        const string Prefix = "dashboard: ";
        if (line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            _dashboard.TrySetResult(line[Prefix.Length..].Trim());
        }
    }
}
