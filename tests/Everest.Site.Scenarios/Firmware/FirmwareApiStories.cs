using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Everest.Site.Cli;
using Everest.Site.Firmware;
using Everest.Site.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

    [Fact]
    public async Task An_operator_starts_a_rollout_with_the_firmware_rollout_command()
    {
        await StartFirmwareSiteAsync(4);
        await using var app = await StartApiAsync(kestrel: true);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var config = Path.Combine(Folder, "site.conf");
        await File.WriteAllTextAsync(config, """
            everest-site {
              circuits = [ { id = board-a, parent = grid, max-current-a = 63 } ]
              chargers = [ { id = cp-1, system-module-id = sys-1, evses = [ { id = e-1, module-id = m-1, circuit = board-a } ] } ]
            }
            """);
        var signed = SignedRequest(0, "cli.bin", Certificates.RsaSigner());
        var certificate = Path.Combine(Folder, "signer.pem");
        await File.WriteAllTextAsync(certificate, signed.SigningCertificate);

        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await EverestSiteCli.Build()
            .Parse(["firmware", "rollout", "--config", config, "--location", signed.Location, "--charger", "cp-2", "--signing-certificate", certificate, "--signature", signed.Signature!, "--url", address])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exitCode == 0, error.ToString());
        var started = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(["cp-2"], started.GetProperty("requestIds").EnumerateObject().Select(p => p.Name));
        var done = await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-2").Step == Domain.Firmware.FirmwareStep.Installed, TimeSpan.FromMinutes(5), "cp-2 is updated");
        Assert.Equal(Domain.Firmware.FirmwareStep.Idle, ChargerStep(done, "cp-1").Step);
    }

    private async Task<WebApplication> StartApiAsync(bool kestrel = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (kestrel)
        {
            // A real port: the command is a client of its own.
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

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
