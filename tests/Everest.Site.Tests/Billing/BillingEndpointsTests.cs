using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Everest.Site.Billing.Projection;
using Everest.Site.Http;
using Everest.Site.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Everest.Site.Tests.Billing;

/// <summary>
/// <c>MapBillingApi</c> on an in-test web host with the production billing registration (<c>AddBilling</c>: read model,
/// live projection, export, corrections) over a SQLite journal: the three CDR formats, live and finished sessions,
/// corrections, and 400s that name the field.
/// </summary>
public sealed class BillingEndpointsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Half an hour into session 4 (it started at 11:30:18 UTC).</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 18, TimeSpan.Zero);

    private readonly BillingTestSite _site = new();
    private ActorSystem? _system;
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client ?? throw new InvalidOperationException("started in InitializeAsync");

    public async Task InitializeAsync()
    {
        await _site.WriteJournalAsync();
        _system = ActorSystem.Create("billing-http", SitePersistenceConfig.ActorSystemSetup(_site.Options.Persistence, ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(_system);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        builder.Services.AddBilling(_site.Options);
        _app = builder.Build();
        _app.MapGroup("/api").MapBillingApi();
        await _app.StartAsync();
        _client = _app.GetTestClient();
        await AwaitAsync(async () => (await FinishedAsync()).Count == 3);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_system is not null)
        {
            await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        }

        _site.Dispose();
    }

    [Fact]
    public async Task Cdrs_come_as_json_by_default_and_as_csv_or_valid_ocpi_when_asked()
    {
        var json = await Client.GetAsync("/api/cdrs");
        var csv = await Client.GetAsync("/api/cdrs?format=csv&from=2026-03-14&to=2026-03-15");
        var ocpi = await Client.GetAsync("/api/cdrs?format=OCPI");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json; charset=utf-8", json.Content.Headers.ContentType!.ToString());
        Assert.Equal(["session-1", "session-2", "session-3"], (await ArrayAsync(json)).Select(c => c.GetProperty("session_uuid").GetString()));
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());
        Assert.Equal(4, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var cdrs = await ArrayAsync(ocpi);
        Assert.Equal(3, cdrs.Count);
        Assert.All(cdrs, cdr => Assert.Empty(OcpiCdrValidator.Validate(cdr)));
    }

    [Fact]
    public async Task Cdrs_are_filtered_by_evse_token_and_issue_time()
    {
        var evse = await ArrayAsync(await Client.GetAsync("/api/cdrs?evse=cp-2-1"));
        var token = await ArrayAsync(await Client.GetAsync("/api/cdrs?token=04A2B3C4D5E6F7&to=2026-03-14T09:30:00Z"));

        Assert.Equal(["session-2"], evse.Select(c => c.GetProperty("session_uuid").GetString()));
        Assert.Equal(["session-1"], token.Select(c => c.GetProperty("session_uuid").GetString()));
    }

    [Fact]
    public async Task A_bad_query_is_a_400_problem_naming_each_field()
    {
        var response = await Client.GetAsync("/api/cdrs?format=xml&from=yesterday");
        var reversed = await Client.GetAsync("/api/cdrs?from=2026-03-15&to=2026-03-14");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("format", out _));
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("\"to\"", await reversed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_list_the_running_transaction_with_its_cost_so_far_and_the_finished_ones()
    {
        using var sessions = JsonDocument.Parse(await Client.GetStringAsync("/api/sessions?from=2026-03-14"));

        var live = Assert.Single(sessions.RootElement.GetProperty("live").EnumerateArray());
        Assert.Equal("session-4", live.GetProperty("sessionUuid").GetString());
        Assert.Equal("live", live.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, live.GetProperty("stoppedAt").ValueKind);

        // 900 Wh so far at 0.40 per kWh, plus the 0.50 session fee.
        Assert.Equal(900m, live.GetProperty("energyWh").GetDecimal());
        Assert.Equal(0.86m, live.GetProperty("totalCost").GetDecimal());
        Assert.Equal(["session-1", "session-2", "session-3"], sessions.RootElement.GetProperty("finished").EnumerateArray().Select(s => s.GetProperty("sessionUuid").GetString()));
        Assert.Equal(0, sessions.RootElement.GetProperty("projection").GetProperty("eventsBehind").GetInt64());
    }

    [Fact]
    public async Task A_correction_is_accepted_stored_and_projected_as_a_credit_and_a_replacement()
    {
        var response = await Client.PostAsJsonAsync("/api/sessions/session-2/corrections", new { kind = "free", reason = "charger fault", by = "ops" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("free", body.GetProperty("kind").GetString());
        Assert.Equal(Now, body.GetProperty("at").GetDateTimeOffset());
        await AwaitAsync(async () => (await ArrayAsync(await Client.GetAsync("/api/cdrs"))).Count == 5);
        var corrected = (await ArrayAsync(await Client.GetAsync("/api/cdrs?evse=cp-2-1"))).Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("cost").GetProperty("total").GetDecimal()));
        Assert.Equal([("original", 2.50m), ("credit", -2.50m), ("replacement", 0m)], corrected);
    }

    [Theory]
    [InlineData("session-2", """{"kind":"gratis","reason":"x"}""", "kind")]
    [InlineData("session-2", """{"kind":"reprice","reason":"x"}""", "tariffId")]
    [InlineData("session-2", """{"kind":"reprice","tariffId":"nope","reason":"x"}""", "tariffId")]
    [InlineData("session-2", """{"kind":"void"}""", "reason")]
    [InlineData("session-9", """{"kind":"void","reason":"x"}""", "sessionUuid")]
    [InlineData("session-4", """{"kind":"void","reason":"x"}""", "sessionUuid")]
    [InlineData("session-2", """{"kind":""", "body")]
    public async Task A_bad_correction_is_a_400_naming_the_field_and_stores_nothing(string session, string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        var response = await Client.PostAsync($"/api/sessions/{session}/corrections", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.GetRawText());
        Assert.Equal(3, (await ArrayAsync(await Client.GetAsync("/api/cdrs"))).Count);
    }

    private async Task<IReadOnlyList<JsonElement>> FinishedAsync()
    {
        using var sessions = JsonDocument.Parse(await Client.GetStringAsync("/api/sessions?from=2026-03-14"));
        return [.. sessions.RootElement.GetProperty("finished").EnumerateArray().Select(e => e.Clone())];
    }

    private static async Task<IReadOnlyList<JsonElement>> ArrayAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static async Task AwaitAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
