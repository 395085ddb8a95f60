using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Firmware;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>
/// After the installer succeeded, the charger reboots (the simulated EVerest goes down and comes back, asking for its
/// boot reason); it counts as installed only once it is back and verified, else InstallVerificationFailed halts the rollout.
/// </summary>
public sealed class InstallVerificationStories(ITestOutputHelper output) : FirmwareScenario(output)
{
    [Fact]
    public async Task The_charger_reboots_into_the_new_firmware_and_asks_for_its_boot_reason_before_it_counts_as_installed()
    {
        await StartFirmwareSiteAsync(2, simulator: s => s with { FirmwareRebootDuration = TimeSpan.FromMinutes(2) });
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(500, "reboot.bin", Certificates.RsaSigner())));

        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.InstallRebooting, TimeSpan.FromMinutes(5), "the charger reboots");
        var rebootStarted = Time.GetUtcNow();
        var done = await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installed, TimeSpan.FromMinutes(5), "the charger is back and installed");

        var reboot = Assert.Single(Simulator.GroundTruth.Reboots);
        Assert.Equal(("cp-1", 500, 2), (reboot.ChargerId, reboot.RequestId, reboot.FirmwareVersion));
        Assert.True(Time.GetUtcNow() >= reboot.DownAt + TimeSpan.FromMinutes(2), "installed only after the reboot was over");
        Assert.True(rebootStarted < reboot.UpAt);
        Assert.Equal(2, await Simulator.FirmwareVersionAsync("cp-1"));
        Assert.Equal(["cp-1"], Installer.Verified);
        Assert.Equal("FirmwareUpdate", ChargerStep(done, "cp-1").BootReason);
        await WaitUntilAsync(
            () => Simulator.GroundTruth.ReversedRequests.Any(r => r.Operation == "get_boot_reason" && r.Reply is not null && r.Reply.Contains("FirmwareUpdate", StringComparison.Ordinal)),
            "the rebooted EVerest asked for its boot reason and was told FirmwareUpdate");
        Assert.Equal(["InstallRebooting", "Installed"], StatusesOf(500).TakeLast(2));
    }

    [Fact]
    public async Task A_failed_verification_ends_in_InstallVerificationFailed_gives_the_EVSEs_back_and_halts_the_rollout()
    {
        await StartFirmwareSiteAsync(4);
        Installer.VerifyOutcome = new InstallOutcome(false, "'verify-charger' exited with code 1");
        var signer = Certificates.RsaSigner();
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(510, "verify-1.bin", signer)));
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-2", SignedRequest(511, "verify-2.bin", signer)));

        var end = await RunFirmwareUntilAsync(
            o => o.Chargers.All(c => c.Step.IsEnd()) && StatusesOf(510).Concat(StatusesOf(511)).Contains("InstallVerificationFailed"),
            TimeSpan.FromMinutes(5),
            "both requests ended and EVerest is told of the failed verification");

        var canary = end.Rollout!.Canary!;
        var other = canary == "cp-1" ? "cp-2" : "cp-1";
        Assert.Equal(FirmwareStep.InstallVerificationFailed, ChargerStep(end, canary).Step);
        Assert.Contains("exited with code 1", ChargerStep(end, canary).Detail, StringComparison.Ordinal);
        Assert.Equal(FirmwareStep.InstallationFailed, ChargerStep(end, other).Step);
        Assert.Equal($"charger {canary} failed: 'verify-charger' exited with code 1", end.Rollout.Halted);
        Assert.Contains("halted", ChargerStep(end, other).Detail, StringComparison.Ordinal);
        Assert.Equal([canary], Installer.Installed.Select(i => i.ChargerId));
        Assert.Equal("InstallVerificationFailed", StatusesOf(canary == "cp-1" ? 510 : 511)[^1]);
        await RunFirmwareUntilAsync(_ => Simulator.InspectAsync(s => s.Evses.All(e => e.Simulation.IsEnabled)).Result, TimeSpan.FromMinutes(1), "every EVSE is back in service");
    }

    [Fact]
    public async Task A_charger_not_back_within_back_within_ends_in_InstallVerificationFailed()
    {
        await StartFirmwareSiteAsync(
            2,
            settings => settings with { BackWithin = TimeSpan.FromMinutes(3) },
            simulator: s => s with { FirmwareRebootDuration = TimeSpan.FromHours(2) });
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(520, "gone.bin", Certificates.RsaSigner())));

        var end = await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step.IsEnd(), TimeSpan.FromMinutes(10), "the request ends");

        Assert.Equal(FirmwareStep.InstallVerificationFailed, ChargerStep(end, "cp-1").Step);
        Assert.Contains("did not come back", ChargerStep(end, "cp-1").Detail, StringComparison.Ordinal);
        Assert.Empty(Installer.Verified);
        Assert.NotNull(end.Rollout!.Halted);
    }
}
