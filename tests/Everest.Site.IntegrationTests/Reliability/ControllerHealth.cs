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

    internal const string Healthy = "Healthy";

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
    public async Task<string?> JournalStatusAsync()
    {
        try
        {
            // 200 when healthy or degraded, 503 when unhealthy: the body says which check, whatever the code.
            using var response = await _http.GetAsync(new Uri("/health", UriKind.Relative));
            var report = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            var journal = report?["checks"]?.AsArray().FirstOrDefault(c => (string?)c?["name"] == JournalCheck);
            return (string?)journal?["status"];
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the journal's status twice a second while <paramref name="fault"/> runs and after it, until the journal
    /// has been reported not healthy and then healthy again. A write under way when the fault ends may fail only
    /// afterwards (a short outage can end before any write was refused), so the readings go on past the fault; they
    /// fail the test when the journal was never reported not healthy, or not healthy again, within
    /// <paramref name="cap"/> after the fault.
    /// </summary>
    /// <returns>The readings while the fault lasted, those after it, and how long after it the journal was healthy.</returns>
    public async Task<(JournalHealthReadings During, JournalHealthReadings After, TimeSpan HealthyAfter)> WatchJournalThroughAsync(Func<Task> fault, TimeSpan cap)
    {
        var faulting = fault();
        var during = new JournalHealthReadings(0, 0, 0);
        var after = new JournalHealthReadings(0, 0, 0);
        Stopwatch? sinceFault = null;
        while (true)
        {
            // Whether the fault had ended is taken before the reading, so a reading counts as during only if it began while the fault lasted.
            var ended = faulting.IsCompleted;
            var status = await JournalStatusAsync();
            if (!ended)
            {
                during = during.Add(status);
                await Task.WhenAny(faulting, Task.Delay(ReadingInterval));
                continue;
            }

            await faulting;
            sinceFault ??= Stopwatch.StartNew();
            after = after.Add(status);
            if (status == Healthy && during.NotHealthy + after.NotHealthy > 0)
            {
                return (during, after, sinceFault.Elapsed);
            }

            if (sinceFault.Elapsed > cap)
            {
                Assert.Fail(during.NotHealthy + after.NotHealthy == 0
                    ? $"/health on port {Port} never reported the journal degraded or unhealthy during the fault or within {cap.TotalSeconds:0} s after it ({during} during, {after} after; {during.Unanswered + after.Unanswered} unanswered)."
                    : $"/health on port {Port} did not report the journal healthy within {cap.TotalSeconds:0} s after the fault (last: {status ?? "no answer"}).");
            }

            await Task.Delay(ReadingInterval);
        }
    }

    public void Dispose() => _http.Dispose();
}
