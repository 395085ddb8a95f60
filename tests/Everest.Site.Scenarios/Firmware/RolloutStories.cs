using Akka.Actor;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Firmware;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>A firmware rollout over a site of three chargers (two EVSEs each), with max-concurrent-chargers = 1 and the canary on.</summary>
public sealed class RolloutStories(ITestOutputHelper output) : FirmwareScenario(output)
{
    [Fact]
    public async Task Three_chargers_update_one_at_a_time_the_canary_first_and_alone()
    {
        await StartFirmwareSiteAsync(6);
        var signer = Certificates.RsaSigner();
        await RequestAnUpdateOnEachChargerAsync(100, "site", signer);

        var mostOutOfService = 0;
        string? canary = null;
        var installedOrder = new List<string>();
        var waitedForTurn = new HashSet<string>(StringComparer.Ordinal);
        await RunFirmwareUntilAsync(
            o =>
            {
                // A verified image whose charger sees another installing has to wait for its turn. One verified only
                // after its predecessor is back goes straight on and has nothing to wait for.
                var installing = o.Rollout?.Installing ?? [];
                foreach (var ready in o.Chargers.Where(c => c.Step is FirmwareStep.SignatureVerified or FirmwareStep.InstallScheduled && installing.Any(other => other != c.ChargerId)))
                {
                    waitedForTurn.Add(ready.ChargerId);
                }

                mostOutOfService = Math.Max(mostOutOfService, o.Rollout?.Installing.Count ?? 0);
                canary ??= o.Rollout?.Canary;
                foreach (var charger in o.Chargers.Where(c => c.Step == FirmwareStep.Installed && !installedOrder.Contains(c.ChargerId)))
                {
                    installedOrder.Add(charger.ChargerId);
                }

                // While the canary is out, nobody else has started installing.
                if (canary is not null && !installedOrder.Contains(canary))
                {
                    Assert.All(o.Chargers.Where(c => c.ChargerId != canary), c => Assert.True(c.Step < FirmwareStep.Installing, $"{c.ChargerId} is at {c.Step} while canary {canary} is out"));
                }

                return installedOrder.Count == 3;
            },
            TimeSpan.FromMinutes(10),
            "every charger is updated");

        Assert.Equal(1, mostOutOfService);
        Assert.NotNull(canary);
        Assert.Equal(canary, installedOrder[0]);
        for (var i = 0; i < ThreeChargers.Length; i++)
        {
            Assert.Equal(StatusesOf(100 + i).Distinct().Count(), StatusesOf(100 + i).Count);
            Assert.Equal("Installed", StatusesOf(100 + i)[^1]);
        }

        // The chargers that waited for their turn said so.
        Assert.All(waitedForTurn, c => Assert.Contains("InstallScheduled", StatusesOfCharger(100, c)));
        await RunFirmwareUntilAsync(_ => Simulator.InspectAsync(s => s.Evses.All(e => e.Simulation.IsEnabled)).Result, TimeSpan.FromSeconds(30), "every EVSE is back in service");
    }

    [Fact]
    public async Task A_failed_canary_halts_the_rollout_and_leaves_the_other_chargers_on_their_firmware_and_available()
    {
        await StartFirmwareSiteAsync(6);
        Installer.Outcome = new InstallOutcome(false, "exit code 3");
        var signer = Certificates.RsaSigner();
        await RequestAnUpdateOnEachChargerAsync(200, "bad", signer);

        var end = await RunFirmwareUntilAsync(o => o.Chargers.All(c => c.Step.IsEnd()), TimeSpan.FromMinutes(5), "every request ended");
        Assert.All(end.Chargers, c => Assert.Equal(FirmwareStep.InstallationFailed, c.Step));
        var installed = Assert.Single(Installer.Installed);
        Assert.Equal(end.Rollout!.Canary, installed.ChargerId);
        Assert.NotNull(end.Rollout.Halted);
        foreach (var other in ThreeChargers.Where(c => c != installed.ChargerId))
        {
            var statuses = StatusesOfCharger(200, other);
            Assert.DoesNotContain("Installing", statuses);
            Assert.Equal("InstallationFailed", statuses[^1]);
        }

        await RunFirmwareUntilAsync(_ => Simulator.InspectAsync(s => s.Evses.All(e => e.Simulation.IsEnabled)).Result, TimeSpan.FromSeconds(30), "every EVSE is available");
    }

    [Fact]
    public async Task A_canary_waiting_longer_than_back_within_for_a_car_to_leave_does_not_halt_the_rollout()
    {
        await StartFirmwareSiteAsync(4, s => s with { BackWithin = TimeSpan.FromMinutes(2) });
        await ArriveAsync("cp-1-2", stay: TimeSpan.FromMinutes(5));
        await RunFirmwareUntilAsync(_ => EvseStatusAsync("cp-1-2").Result.TransactionOpen, TimeSpan.FromSeconds(30), "the car at cp-1-2 has a transaction");
        var signer = Certificates.RsaSigner();
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(250, "long-car-1.bin", signer)));
        await RunFirmwareUntilAsync(o => o.Rollout?.Canary == "cp-1", TimeSpan.FromMinutes(1), "cp-1 is the canary");
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-2", SignedRequest(251, "long-car-2.bin", signer)));

        // The canary waits for the car (longer than back-within), then installs and is back; the rollout goes on.
        var done = await RunFirmwareUntilAsync(o => o.Chargers.All(c => c.Step.IsEnd()), TimeSpan.FromMinutes(10), "both requests ended");
        Assert.All(done.Chargers, c => Assert.Equal(FirmwareStep.Installed, c.Step));
        Assert.Null(done.Rollout!.Halted);
        Assert.Equal(["cp-1", "cp-2"], Installer.Installed.Select(i => i.ChargerId));
        Assert.Contains("InstallScheduled", StatusesOf(250));
    }

    [Fact]
    public async Task A_minimum_available_share_keeps_half_the_site_in_service_even_when_more_chargers_may_install()
    {
        // Three chargers may install at once and no canary holds them back: only the floor of 3 of 6 EVSEs does.
        await StartFirmwareSiteAsync(6, s => s with { Limits = new RolloutLimits(3, 0.5, Canary: false) });
        var signer = Certificates.RsaSigner();
        await RequestAnUpdateOnEachChargerAsync(260, "floor", signer);

        var fewestInService = int.MaxValue;
        var done = await RunFirmwareUntilAsync(
            o =>
            {
                fewestInService = Math.Min(fewestInService, Simulator.InspectAsync(s => s.Evses.Count(e => e.Simulation.IsEnabled)).Result);
                return o.Chargers.All(c => c.Step.IsEnd());
            },
            TimeSpan.FromMinutes(5),
            "every request ended");

        Assert.All(done.Chargers, c => Assert.Equal(FirmwareStep.Installed, c.Step));
        Assert.Equal(4, fewestInService);
        Assert.Contains(ThreeChargers, c => StatusesOfCharger(260, c).Contains("InstallScheduled"));
    }

    [Fact]
    public async Task An_operator_rollout_runs_the_same_flow_over_the_chosen_chargers()
    {
        await StartFirmwareSiteAsync(6);
        var signer = Certificates.RsaSigner();
        var request = SignedRequest(0, "operator.bin", signer);
        var started = await Firmware.Ask<object>(new StartRollout(request.Location, ["cp-2", "cp-3"], request.SigningCertificate, request.Signature), TimeSpan.FromSeconds(15));
        var rollout = Assert.IsType<RolloutStarted>(started);
        Assert.Equal(["cp-2", "cp-3"], rollout.RequestIds.Keys.Order());
        Assert.All(rollout.Answers.Values, answer => Assert.Equal("Accepted", answer));
        Assert.IsType<RolloutRefused>(await Firmware.Ask<object>(new StartRollout(request.Location, []), TimeSpan.FromSeconds(15)));

        var done = await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-2").Step == FirmwareStep.Installed && ChargerStep(o, "cp-3").Step == FirmwareStep.Installed, TimeSpan.FromMinutes(5), "both chargers are updated");
        Assert.Equal(FirmwareStep.Idle, ChargerStep(done, "cp-1").Step);
        Assert.Equal(rollout.RolloutId, done.Rollout!.Id);
        Assert.Equal(2, Installer.Installed.Count);
    }
}
