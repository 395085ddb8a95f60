using Everest.Site.Domain.Firmware;

namespace Everest.Site.Domain.Tests.Firmware;

public sealed class FirmwareStepsTests
{
    [Fact]
    public void The_full_sequence_may_be_reported_in_order()
    {
        var reported = new List<FirmwareStep>();
        foreach (var step in new[]
        {
            FirmwareStep.DownloadScheduled, FirmwareStep.Downloading, FirmwareStep.Downloaded, FirmwareStep.SignatureVerified,
            FirmwareStep.InstallScheduled, FirmwareStep.Installing, FirmwareStep.InstallRebooting, FirmwareStep.Installed,
        })
        {
            Assert.True(FirmwareSteps.MayReport(reported, step), $"{step} after {string.Join(",", reported)}");
            reported.Add(step);
        }
    }

    [Fact]
    public void No_status_is_reported_twice_nor_backwards_nor_after_an_end()
    {
        Assert.False(FirmwareSteps.MayReport([FirmwareStep.Downloading], FirmwareStep.Downloading));
        Assert.False(FirmwareSteps.MayReport([FirmwareStep.Downloading, FirmwareStep.Downloaded], FirmwareStep.Downloading));
        Assert.False(FirmwareSteps.MayReport([FirmwareStep.Installing], FirmwareStep.InstallScheduled));
        Assert.False(FirmwareSteps.MayReport([FirmwareStep.Downloading, FirmwareStep.DownloadFailed], FirmwareStep.Downloaded));
        Assert.False(FirmwareSteps.MayReport([FirmwareStep.Installed], FirmwareStep.InstallationFailed));
        Assert.False(FirmwareSteps.MayReport([], FirmwareStep.Idle));
    }

    [Theory]
    [InlineData(FirmwareStep.Downloading, FirmwareStep.DownloadFailed)]
    [InlineData(FirmwareStep.Downloaded, FirmwareStep.InvalidSignature)]
    [InlineData(FirmwareStep.InstallScheduled, FirmwareStep.InstallationFailed)]
    [InlineData(FirmwareStep.Installing, FirmwareStep.InstallationFailed)]
    [InlineData(FirmwareStep.InstallRebooting, FirmwareStep.InstallVerificationFailed)]
    public void A_failure_may_end_any_step(FirmwareStep last, FirmwareStep failure)
    {
        Assert.True(FirmwareSteps.MayReport([last], failure));
        Assert.True(failure.IsFailure());
    }

    [Fact]
    public void Every_step_is_classified()
    {
        var ends = Enum.GetValues<FirmwareStep>().Where(s => s.IsEnd()).ToHashSet();
        Assert.Equal(
            [FirmwareStep.Installed, FirmwareStep.DownloadFailed, FirmwareStep.InvalidSignature, FirmwareStep.InstallationFailed, FirmwareStep.InstallVerificationFailed],
            ends.Order());
        Assert.Equal([FirmwareStep.Installing, FirmwareStep.InstallRebooting], Enum.GetValues<FirmwareStep>().Where(s => s.IsInstallPhase()).Order());
    }
}
