using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Everest.Site.Firmware;
using Everest.Site.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>The firmware HTTP API (<c>GET /api/firmware</c>, <c>POST /api/firmware/rollouts</c>) on the site's rollout actor.</summary>
public sealed class FirmwareApiStories(ITestOutputHelper output) : FirmwareScenario(output)
{
    [Fact]
    public async Task An_operator_starts_a_rollout_over_HTTP_and_follows_each_charger_step()
    {
        await StartFirmwareSiteAsync(4);
        await using var app = await StartApiAsync();
        using var http = app.GetTestClient();

        var before = await http.GetFromJsonAsync<JsonElement>("/api/firmware");
        Assert.Equal(["Idle", "Idle"], before.GetProperty("chargers").EnumerateArray().Select(c => c.GetProperty("step").GetString()));

        var invalid = await http.PostAsJsonAsync("/api/firmware/rollouts", new { chargers = new[] { "cp-1" } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("location", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signed = SignedRequest(0, "api.bin", Certificates.RsaSigner());
        var started = await http.PostAsJsonAsync("/api/firmware/rollouts", new { location = signed.Location, signingCertificate = signed.SigningCertificate, signature = signed.Signature });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var rollout = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, rollout.GetProperty("requestIds").EnumerateObject().Count());

        var busy = await http.PostAsJsonAsync("/api/firmware/rollouts", new { location = signed.Location });
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);

        await RunFirmwareUntilAsync(o => o.Chargers.All(c => c.Step == Domain.Firmware.FirmwareStep.Installed), TimeSpan.FromMinutes(5), "both chargers are updated");
        var after = await http.GetFromJsonAsync<JsonElement>("/api/firmware");
        Assert.All(after.GetProperty("chargers").EnumerateArray(), c =>
        {
            Assert.Equal("Installed", c.GetProperty("step").GetString());
            Assert.Equal("FirmwareUpdate", c.GetProperty("bootReason").GetString());
        });
        Assert.Equal(rollout.GetProperty("rolloutId").GetString(), after.GetProperty("rollout").GetProperty("id").GetString());
    }

    private async Task<WebApplication> StartApiAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IRequiredActor<FirmwareKey>>(new CurrentFirmware(this));
        var app = builder.Build();
        app.MapGroup("/api").MapFirmwareApi();
        await app.StartAsync();
        return app;
    }

    private sealed class CurrentFirmware(FirmwareApiStories story) : IRequiredActor<FirmwareKey>
    {
        public IActorRef ActorRef => story.Firmware;

        public Task<IActorRef> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(story.Firmware);
    }
}
