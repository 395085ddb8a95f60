using Akka.Actor;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Firmware;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>
/// A rollout over three chargers (max-concurrent-chargers = 1, canary on) across a controller restart: the rollout's
/// journal keeps its canary, the place a charger held and a halt.
/// </summary>
public sealed class RolloutRestartStories(ITestOutputHelper output) : FirmwareScenario(output)
{
    [Fact]
    public async Task After_a_restart_while_the_second_charger_installs_the_canary_is_not_repeated_and_the_third_follows()
    {
        await StartFirmwareSiteAsync(6);
        Installer.Hold = true;
        var signer = Certificates.RsaSigner();
        await RequestAnUpdateOnEachChargerAsync(300, "restart", signer);

        // The canary installs alone and comes back.
        var first = await RunFirmwareUntilAsync(_ => Installer.Holding.Count == 1, TimeSpan.FromMinutes(5), "the canary installs");
        var canary = first.Rollout!.Canary!;
        var rolloutId = first.Rollout.Id;
        Assert.Equal([canary], Installer.Holding);
        Installer.Release(canary, InstallOutcome.Success);
        // (Every image is verified by then: a download still running in this process would hold its file.)
        await RunFirmwareUntilAsync(
            o => ChargerStep(o, canary).Step == FirmwareStep.Installed && Installer.Holding.Count == 1 && o.Chargers.All(c => c.Step >= FirmwareStep.SignatureVerified && !c.Step.IsFailure()),
            TimeSpan.FromMinutes(5),
            "the canary is back, the second charger installs and the third waits with its image verified");
        var second = Assert.Single(Installer.Holding);

        // The second's installer finishes while EVerest is quiet (no heartbeat yet), and the controller stops then.
        var quiet = await Simulator.HoldAsync();
        Installer.Release(second, InstallOutcome.Success);
        await WaitForStepAsync(second, FirmwareStep.InstallRebooting);
        await CrashFirmwareAsync();
        Installer.Hold = false;
        StartFirmwareActor();
        var recovered = await Firmware.Ask<FirmwareOverview>(GetFirmwareOverview.Instance, TimeSpan.FromSeconds(15));
        await quiet.DisposeAsync();

        Assert.Equal(rolloutId, recovered.Rollout!.Id);
        Assert.Equal(canary, recovered.Rollout.Canary);
        Assert.True(recovered.Rollout.CanaryBack);
        Assert.Equal([second], recovered.Rollout.Installing);

        var done = await RunFirmwareUntilAsync(o => o.Chargers.All(c => c.Step == FirmwareStep.Installed), TimeSpan.FromMinutes(5), "every charger is updated");
        var third = ThreeChargers.Single(c => c != canary && c != second);
        Assert.Equal([canary, second, third], Installer.Installed.Select(i => i.ChargerId));
        Assert.Equal(rolloutId, done.Rollout!.Id);
        Assert.Null(done.Rollout.Halted);
        var secondStatuses = StatusesOfCharger(300, second);
        Assert.Equal(["InstallRebooting", "Installed"], secondStatuses.TakeLast(2));
        Assert.Equal(secondStatuses.Count, secondStatuses.Distinct().Count());
        await RunFirmwareUntilAsync(_ => Simulator.InspectAsync(s => s.Evses.All(e => e.Simulation.IsEnabled)).Result, TimeSpan.FromSeconds(30), "every EVSE is back in service");
    }

    [Fact]
    public async Task A_halted_rollout_stays_halted_across_a_restart()
    {
        await StartFirmwareSiteAsync(6);
        Installer.Outcome = new InstallOutcome(false, "exit code 3");
        var signer = Certificates.RsaSigner();

        // cp-3 downloads only later: it is still part of the rollout when the canary fails. (Asked first: on a busy
        // box the canary can fail before a request sent after it is accepted, and cp-3 would start a rollout of its own.)
        var later = SignedRequest(402, "halt-2.bin", signer) with { RetrieveTimestamp = Time.GetUtcNow().AddMinutes(10) };
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-3", later));
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(400, "halt-0.bin", signer)));
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-2", SignedRequest(401, "halt-1.bin", signer)));

        var halted = await RunFirmwareUntilAsync(o => o.Rollout?.Halted is not null && ChargerStep(o, "cp-1").Step.IsEnd() && ChargerStep(o, "cp-2").Step.IsEnd(), TimeSpan.FromMinutes(5), "the canary fails and the rollout halts");
        Assert.Equal(FirmwareStep.DownloadScheduled, ChargerStep(halted, "cp-3").Step);

        await CrashFirmwareAsync();
        Installer.Outcome = InstallOutcome.Success;
        StartFirmwareActor();
        var recovered = await Firmware.Ask<FirmwareOverview>(GetFirmwareOverview.Instance, TimeSpan.FromSeconds(15));
        Assert.Equal(halted.Rollout!.Id, recovered.Rollout!.Id);
        Assert.Equal(halted.Rollout.Halted, recovered.Rollout.Halted);

        var end = await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-3").Step.IsEnd(), TimeSpan.FromMinutes(15), "cp-3's request ends");
        Assert.Equal(FirmwareStep.InstallationFailed, ChargerStep(end, "cp-3").Step);
        Assert.Contains("halted", ChargerStep(end, "cp-3").Detail, StringComparison.Ordinal);
        Assert.Single(Installer.Installed);
        Assert.DoesNotContain("Installing", StatusesOf(402));
        Assert.Equal(halted.Rollout.Id, end.Rollout!.Id);
        await RunFirmwareUntilAsync(_ => Simulator.InspectAsync(s => s.Evses.All(e => e.Simulation.IsEnabled)).Result, TimeSpan.FromSeconds(30), "every EVSE is available");
    }

    /// <summary>Asks the rollout (without moving virtual time) until <paramref name="chargerId"/> reached <paramref name="step"/>.</summary>
    private async Task WaitForStepAsync(string chargerId, FirmwareStep step)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var overview = await Firmware.Ask<FirmwareOverview>(GetFirmwareOverview.Instance, TimeSpan.FromSeconds(15));
            if (ChargerStep(overview, chargerId).Step == step)
            {
                return;
            }

            Assert.False(patience.IsCancellationRequested, $"Within 30 s, {chargerId} never reached {step}: {Describe(overview)}");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
