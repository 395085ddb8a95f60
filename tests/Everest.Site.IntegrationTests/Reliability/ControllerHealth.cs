using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>
/// The controller's <c>GET /health</c> on a loopback port the suite chose, read for its <c>journal</c> check: a fault
/// that makes the journal's writes fail must show there (unhealthy or degraded) while it lasts, and healthy after.
/// </summary>
internal sealed class ControllerHealth : IDisposable
{
    /// <summary>The name of the journal's health check (<c>JournalHealthCheck.Name</c> in the controller).</summary>
    private const string JournalCheck = "journal";

    private const string Healthy = "Healthy";

    private static readonly TimeSpan ReadingInterval = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http;

    public ControllerHealth(int port)
    {
        Port = port;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
    }

    public int Port { get; }

    /// <summary>A loopback port nobody listens on now, for the controller's HTTP endpoint.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The status of the journal check (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>), or null when <c>/health</c> did not answer.</summary>
    public async Task<string?> JournalStatusAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // 200 when healthy or degraded, 503 when unhealthy: the body says which check, whatever the code.
            using var response = await _http.GetAsync("/health", cancellationToken);
            var report = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var journal = report?["checks"]?.AsArray().FirstOrDefault(c => (string?)c?["name"] == JournalCheck);
            return (string?)journal?["status"];
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>Reads the journal's status twice a second until <paramref name="stop"/> is cancelled.</summary>
    public async Task<JournalHealthReadings> WatchJournalAsync(CancellationToken stop)
    {
        int healthy = 0, notHealthy = 0, unanswered = 0;
        while (!stop.IsCancellationRequested)
        {
            switch (await JournalStatusAsync(stop))
            {
                case Healthy: healthy++; break;
                case null when !stop.IsCancellationRequested: unanswered++; break;
                case null: break;
                default: notHealthy++; break;
            }

            try
            {
                await Task.Delay(ReadingInterval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return new JournalHealthReadings(healthy, notHealthy, unanswered);
    }

    /// <summary>Waits until the journal check says healthy again; returns how long that took, or fails after <paramref name="cap"/>.</summary>
    public async Task<TimeSpan> UntilJournalHealthyAsync(TimeSpan cap)
    {
        var watch = Stopwatch.StartNew();
        string? last = null;
        while (watch.Elapsed < cap)
        {
            last = await JournalStatusAsync();
            if (last == Healthy)
            {
                return watch.Elapsed;
            }

            await Task.Delay(ReadingInterval);
        }

        Assert.Fail($"/health on port {Port} did not report the journal healthy within {cap.TotalSeconds:0} s after the fault (last: {last ?? "no answer"}).");
        return watch.Elapsed;
    }

    public void Dispose() => _http.Dispose();
}
