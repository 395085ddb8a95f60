using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Everest.Site.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Everest.Site.Tests.Http;

/// <summary>The HTTP API against the real host (Kestrel on loopback) and the simulator playing EVerest.</summary>
public sealed class HttpApiTests(HttpSite site) : IClassFixture<HttpSite>
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("GET", "/api/evses")]
    [InlineData("GET", "/api/site")]
    [InlineData("GET", "/api/reservations")]
    [InlineData("GET", "/api/events")]
    [InlineData("POST", "/api/evses/t-1-1/disable")]
    [InlineData("POST", "/api/evses/t-1-1/priority")]
    [InlineData("DELETE", "/api/reservations/1")]
    [InlineData("GET", "/api/no-such-endpoint")]
    public async Task Every_api_path_without_a_token_is_401_with_a_bearer_challenge_and_problem_details(string method, string path)
    {
        using var response = await site.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer wrong-token-0123456789abcdef")]
    [InlineData("Bearer test-token-0123456789abcde")]
    [InlineData("Bearer test-token-0123456789abcdef0")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    [InlineData("test-token-0123456789abcdef")]
    public async Task A_wrong_token_or_scheme_is_401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/evses");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await site.Anonymous.SendAsync(request);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_needs_no_token_and_reports_the_broker_connection_and_the_actor_system()
    {
        var health = await HttpAssert.EventuallyAsync(
            async () => await HttpAssert.JsonAsync(await site.Anonymous.GetAsync("/health"), HttpStatusCode.OK),
            h => h.GetProperty("status").GetString() == "Healthy",
            Cap,
            "a healthy /health");

        var checks = health.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["mqtt-broker"]);
        Assert.Equal("Healthy", checks["actor-system"]);
    }

    [Theory]
    [InlineData("/", "text/html", "<title>Everest.Site</title>")]
    [InlineData("/index.html", "text/html", "app.js")]
    [InlineData("/app.js", "text/javascript", "/api/events")]
    [InlineData("/app.css", "text/css", "prefers-color-scheme")]
    public async Task The_dashboard_files_are_served_from_the_assembly_without_a_token(string path, string mediaType, string content)
    {
        using var response = await site.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evses_lists_every_configured_evse_with_its_live_state_and_the_site_allocation()
    {
        var evses = await HttpAssert.EventuallyAsync(
            async () => await HttpAssert.JsonAsync(await site.Client.GetAsync("/api/evses"), HttpStatusCode.OK),
            list => list.EnumerateArray().All(e => e.GetProperty("online").GetBoolean() && e.GetProperty("maxCurrentA").ValueKind == JsonValueKind.Number && e.GetProperty("allocation").ValueKind == JsonValueKind.Object),
            Cap,
            "both EVSEs online with an allocation");

        Assert.Equal(["t-1-1", "t-1-2"], evses.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        var first = evses[0];
        Assert.Equal("DE*SIM*E0001*1", first.GetProperty("everestEvseId").GetString());
        Assert.Equal(32, first.GetProperty("maxCurrentA").GetDouble());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("session").ValueKind);
        Assert.Equal("Idle", first.GetProperty("allocation").GetProperty("reason").GetString());

        var one = await HttpAssert.JsonAsync(await site.Client.GetAsync("/api/evses/t-1-2"), HttpStatusCode.OK);
        Assert.Equal("t-1-2", one.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Site_shows_the_grid_limit_the_current_per_phase_and_each_limit_with_its_load()
    {
        var view = await HttpAssert.JsonAsync(await site.Client.GetAsync("/api/site"), HttpStatusCode.OK);

        Assert.Equal("hosting-test", view.GetProperty("siteId").GetString());
        Assert.Equal(32, view.GetProperty("gridLimitA").GetDouble());
        Assert.Equal(3, view.GetProperty("siteCurrentA").EnumerateObject().Count());
        var limits = view.GetProperty("limits").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToList();
        Assert.Contains("grid L1", limits);
        Assert.Contains("grid L3", limits);
        Assert.Equal(2, view.GetProperty("evses").GetArrayLength());
    }

    [Theory]
    [InlineData("GET", "/api/evses/no-such-evse")]
    [InlineData("POST", "/api/evses/no-such-evse/enable")]
    [InlineData("POST", "/api/evses/no-such-evse/disable")]
    [InlineData("POST", "/api/evses/no-such-evse/stop")]
    [InlineData("POST", "/api/evses/no-such-evse/unlock")]
    [InlineData("POST", "/api/evses/no-such-evse/priority")]
    public async Task An_unknown_evse_is_404_naming_it(string method, string path)
    {
        using var response = await site.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-evse", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reserving_an_unknown_evse_is_404_and_an_unknown_reservation_or_endpoint_too()
    {
        await HttpAssert.ProblemAsync(await site.Client.PostAsJsonAsync("/api/reservations", new { evseId = "no-such-evse", token = "DRIVER1" }), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await site.Client.DeleteAsync("/api/reservations/987654"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await site.Client.GetAsync("/api/no-such-endpoint"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"evseId":"t-1-1"}""", "token")]
    [InlineData("""{"token":"   "}""", "token")]
    [InlineData("""{"token":"0123456789012345678901234567890123456"}""", "token")]
    [InlineData("""{"token":"DRIVER1","tokn":"x"}""", "tokn")]
    [InlineData("""{"token":"DRIVER1","expiresAt":"tomorrow"}""", "expiresAt")]
    [InlineData("""{"token":42}""", "token")]
    [InlineData("""{"token":"DRIVER1","evseId":["t-1-1"]}""", "evseId")]
    [InlineData("""not json""", "body")]
    [InlineData("""null""", "body")]
    public async Task A_bad_reservation_body_is_400_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await site.Client.PostAsync("/api/reservations", content);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_and_one_over_the_size_limit_is_413()
    {
        using var text = new StringContent("token=DRIVER1", Encoding.UTF8, "text/plain");
        await HttpAssert.ProblemAsync(await site.Client.PostAsync("/api/reservations", text), HttpStatusCode.UnsupportedMediaType);

        var huge = $$"""{"token":"{{new string('x', (int)SiteHttpHosting.MaxRequestBodyBytes)}}"}""";
        using var large = new StringContent(huge, Encoding.UTF8, "application/json");
        using var response = await site.Client.PostAsync("/api/reservations", large);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_reservation_made_through_the_api_is_in_the_site_until_it_is_cancelled()
    {
        await OnlineAsync();

        var made = await HttpAssert.JsonAsync(await site.Client.PostAsJsonAsync("/api/reservations", new { evseId = "t-1-1", token = "DRIVER1" }), HttpStatusCode.Created);
        var id = made.GetProperty("id").GetInt32();
        Assert.Equal("t-1-1", made.GetProperty("evseId").GetString());

        var siteView = await HttpAssert.JsonAsync(await site.Client.GetAsync("/api/site"), HttpStatusCode.OK);
        Assert.Contains(siteView.GetProperty("reservations").EnumerateArray(), r => r.GetProperty("id").GetInt32() == id && r.GetProperty("evseId").GetString() == "t-1-1");
        var listed = await HttpAssert.JsonAsync(await site.Client.GetAsync("/api/reservations"), HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);

        // The EVSE is taken now: a second reservation for it is refused with the site's reason.
        var refused = await HttpAssert.ProblemAsync(await site.Client.PostAsJsonAsync("/api/reservations", new { evseId = "t-1-1", token = "DRIVER2" }), HttpStatusCode.Conflict);
        Assert.Contains("reserved", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var cancelled = await HttpAssert.JsonAsync(await site.Client.DeleteAsync($"/api/reservations/{id}"), HttpStatusCode.OK);
        Assert.Equal(id, cancelled.GetProperty("id").GetInt32());
        await HttpAssert.ProblemAsync(await site.Client.DeleteAsync($"/api/reservations/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Disable_and_enable_are_executed_by_everest_and_answered_with_the_operation()
    {
        await OnlineAsync();

        var disabled = await HttpAssert.JsonAsync(await site.Client.PostAsync("/api/evses/t-1-2/disable", null), HttpStatusCode.OK);
        Assert.Equal("enable_disable", disabled.GetProperty("operation").GetString());
        Assert.True(disabled.GetProperty("succeeded").GetBoolean());
        await HttpAssert.EventuallyAsync(
            async () => await HttpAssert.JsonAsync(await site.Client.GetAsync("/api/evses/t-1-2"), HttpStatusCode.OK),
            e => e.GetProperty("enabled").ValueKind == JsonValueKind.False,
            Cap,
            "t-1-2 reported disabled");

        var enabled = await HttpAssert.JsonAsync(await site.Client.PostAsync("/api/evses/t-1-2/enable", null), HttpStatusCode.OK);
        Assert.True(enabled.GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task Stop_without_a_transaction_is_refused_by_everest_as_409()
    {
        await OnlineAsync();

        var problem = await HttpAssert.ProblemAsync(await site.Client.PostAsync("/api/evses/t-1-1/stop", null), HttpStatusCode.Conflict);

        Assert.Contains("stop_transaction", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_streams_state_changes_as_server_sent_events()
    {
        await OnlineAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await site.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(Cap);

        Assert.Equal("event: hello", await reader.ReadLineAsync(timeout.Token));

        // A reservation changes the EVSE's status and its history: both arrive on the stream.
        var made = await HttpAssert.JsonAsync(await site.Client.PostAsJsonAsync("/api/reservations", new { evseId = "t-1-2", token = "DRIVER3" }), HttpStatusCode.Created);
        var seen = new List<string>();
        string? data = null;
        while (data is null)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the event stream ended");
            seen.Add(line);
            if (line == "event: session")
            {
                var payload = (await reader.ReadLineAsync(timeout.Token))!;
                if (payload.Contains("\"ReservationStarted\"", StringComparison.Ordinal))
                {
                    data = payload;
                }
            }
        }

        using var session = JsonDocument.Parse(data["data: ".Length..]);
        Assert.Equal("t-1-2", session.RootElement.GetProperty("evseId").GetString());
        Assert.Equal(made.GetProperty("id").GetInt32(), session.RootElement.GetProperty("event").GetProperty("reservationId").GetInt32());
        await site.Client.DeleteAsync($"/api/reservations/{made.GetProperty("id").GetInt32()}");
    }

    [Fact]
    public void The_web_host_starts_after_the_actor_system_and_the_mqtt_connection_and_so_stops_before_them()
    {
        var order = site.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        // Hosted services start in this order and stop in reverse.
        Assert.Equal("GenericWebHostService", order[^1]);
        Assert.True(order.IndexOf("SiteStartup") < order.Count - 1, string.Join(", ", order));
        Assert.True(order.FindIndex(n => n.Contains("Akka", StringComparison.Ordinal)) < order.IndexOf("SiteStartup"), string.Join(", ", order));
    }

    private Task OnlineAsync() => HttpAssert.EventuallyAsync(
        async () => await HttpAssert.JsonAsync(await site.Client.GetAsync("/api/evses"), HttpStatusCode.OK),
        list => list.EnumerateArray().All(e => e.GetProperty("online").GetBoolean() && e.GetProperty("maxCurrentA").ValueKind == JsonValueKind.Number && e.GetProperty("session").ValueKind == JsonValueKind.Null),
        Cap,
        "both EVSEs online and idle");
}
