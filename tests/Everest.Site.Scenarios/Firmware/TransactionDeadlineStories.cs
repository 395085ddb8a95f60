using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>
/// A charger with a car that charges for a long time: without <c>firmware.stop-transactions-after</c> the installation
/// waits for the car; with it, the car's transaction is stopped once the installation has waited that long.
/// </summary>
public sealed class TransactionDeadlineStories(ITestOutputHelper output) : FirmwareScenario(output)
{
    [Fact]
    public async Task With_an_operator_deadline_the_cars_transaction_is_stopped_and_the_install_proceeds()
    {
        await StartFirmwareSiteAsync(2, settings => settings with { StopTransactionsAfter = TimeSpan.FromMinutes(2) });
        await ArriveAsync("cp-1-2", stay: TimeSpan.FromHours(3));
        await RunFirmwareUntilAsync(_ => EvseStatusAsync("cp-1-2").Result.TransactionOpen, TimeSpan.FromSeconds(30), "the car at cp-1-2 has a transaction");

        var signer = Certificates.RsaSigner();
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(21, "v2.bin", signer)));
        await RunFirmwareUntilAsync(_ => !SimulatedEnabledAsync("cp-1-1").Result, TimeSpan.FromSeconds(30), "cp-1-1 is disabled");

        // Before the deadline the car keeps charging.
        await RunFirmwareForAsync(TimeSpan.FromSeconds(90));
        Assert.True((await EvseStatusAsync("cp-1-2")).TransactionOpen, "the car's transaction runs until the deadline");
        Assert.Empty(Installer.Installed);

        // After it, the transaction is stopped, the EVSE goes out of service and the image is installed, hours before the car would have left.
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installed, TimeSpan.FromMinutes(5), "the update is installed");
        Assert.Equal("cp-1", Assert.Single(Installer.Installed).ChargerId);
        await RunFirmwareUntilAsync(_ => SimulatedEnabledAsync("cp-1-1").Result && SimulatedEnabledAsync("cp-1-2").Result, TimeSpan.FromSeconds(30), "both EVSEs are back in service");
    }

    [Fact]
    public async Task Without_a_deadline_the_install_waits_for_the_car()
    {
        await StartFirmwareSiteAsync(2);
        await ArriveAsync("cp-1-2", stay: TimeSpan.FromHours(3));
        await RunFirmwareUntilAsync(_ => EvseStatusAsync("cp-1-2").Result.TransactionOpen, TimeSpan.FromSeconds(30), "the car at cp-1-2 has a transaction");

        var signer = Certificates.RsaSigner();
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(22, "v2.bin", signer)));
        await RunFirmwareUntilAsync(_ => !SimulatedEnabledAsync("cp-1-1").Result, TimeSpan.FromSeconds(30), "cp-1-1 is disabled");

        await RunFirmwareForAsync(TimeSpan.FromMinutes(4));
        Assert.True((await EvseStatusAsync("cp-1-2")).TransactionOpen, "the car's transaction is not cut");
        Assert.True(await SimulatedEnabledAsync("cp-1-2"), "the charging EVSE stays enabled");
        Assert.Empty(Installer.Installed);
        Assert.Equal(FirmwareStep.InstallScheduled, ChargerStep(await StepFirmwareAsync(), "cp-1").Step);
    }

    private async Task RunFirmwareForAsync(TimeSpan duration)
    {
        var end = Time.GetUtcNow() + duration;
        while (Time.GetUtcNow() < end)
        {
            await StepFirmwareAsync();
        }
    }
}
