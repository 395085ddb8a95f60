using Everest.Site.Domain.Billing.Ocmf;
using Everest.Site.Simulator.Evse;

namespace Everest.Site.Tests.Billing;

/// <summary>What the simulator's meters sign verifies with the key they publish; a changed reading does not.</summary>
public sealed class SimulatorOcmfTests
{
    [Fact]
    public void Values_signed_by_the_simulated_meter_verify_against_its_published_key()
    {
        using var signer = new OcmfMeterSigner("SIM-0001");
        var token = new IdToken("04A2B3C4");
        var start = signer.Sign(new MeterReading(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), 1_000_000, 16, 16, 16, 230), token, 'B');
        var end = signer.Sign(new MeterReading(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), 12_000_000, 0, 0, 0, 230), token, 'E');

        var check = OcmfVerifier.VerifyTransaction(
            new Domain.Evse.SignedMeterValue(start.SignedMeterData, start.SigningMethod, start.EncodingMethod, start.PublicKey),
            new Domain.Evse.SignedMeterValue(end.SignedMeterData, end.SigningMethod, end.EncodingMethod, end.PublicKey),
            signer.PublicKeyHex);

        Assert.Equal(OcmfVerdict.Verified, check.Verdict);
        var forged = end.SignedMeterData.Replace("\"RV\":12", "\"RV\":2", StringComparison.Ordinal);
        Assert.NotEqual(end.SignedMeterData, forged);
        Assert.Equal(OcmfVerdict.Invalid, OcmfVerifier.Verify(forged, signer.PublicKeyHex).Verdict);
    }
}
