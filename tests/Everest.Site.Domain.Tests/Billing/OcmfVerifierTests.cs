using System.Security.Cryptography;
using System.Text;
using Everest.Site.Domain.Billing.Ocmf;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Domain.Tests.Billing;

/// <summary>Every test vector is made here, with keys made here.</summary>
public sealed class OcmfVerifierTests
{
    private const string Payload = "{\"FV\":\"1.0\",\"GI\":\"TEST METER\",\"GS\":\"0815\",\"PG\":\"T1\",\"IS\":true,\"IT\":\"ISO14443\",\"ID\":\"04A2B3C4\","
        + "\"RD\":[{\"TM\":\"2026-03-02T08:00:00,000+0000 S\",\"TX\":\"B\",\"RV\":1.234,\"RI\":\"01-00:98.08.00.FF\",\"RU\":\"kWh\",\"ST\":\"G\"}]}";

    private static string Sign(ECDsa key, string algorithm, HashAlgorithmName hash, string payload = Payload, DSASignatureFormat format = DSASignatureFormat.Rfc3279DerSequence, bool base64 = false)
    {
        var signature = key.SignData(Encoding.UTF8.GetBytes(payload), hash, format);
        var encoded = base64 ? Convert.ToBase64String(signature) : Convert.ToHexString(signature);
        var encoding = base64 ? ",\"SE\":\"base64\"" : "";
        return $"OCMF|{payload}|{{\"SA\":\"{algorithm}\"{encoding},\"SD\":\"{encoded}\"}}";
    }

    private static string PublicKeyHex(ECDsa key) => Convert.ToHexString(key.ExportSubjectPublicKeyInfo());

    public static TheoryData<string, string, string> Curves => new()
    {
        { "nistP256", "ECDSA-secp256r1-SHA256", "SHA256" },
        { "nistP384", "ECDSA-secp384r1-SHA256", "SHA256" },
        { "nistP384", "ECDSA-secp384r1-SHA384", "SHA384" },
        { "brainpoolP256r1", "ECDSA-brainpool256r1-SHA256", "SHA256" },
        { "brainpoolP384r1", "ECDSA-brainpool384r1-SHA256", "SHA256" },
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void A_signature_made_with_the_meter_key_verifies_and_a_changed_payload_does_not(string curve, string algorithm, string hash)
    {
        using var key = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
        var signed = Sign(key, algorithm, new HashAlgorithmName(hash));

        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.Verify(signed, PublicKeyHex(key)).Verdict);

        var tampered = signed.Replace("\"RV\":1.234", "\"RV\":0.234", StringComparison.Ordinal);
        var check = OcmfVerifier.Verify(tampered, PublicKeyHex(key));
        Assert.Equal(OcmfVerdict.Invalid, check.Verdict);
        Assert.Contains("does not match", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_under_another_key_is_invalid()
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Equal(OcmfVerdict.Invalid, OcmfVerifier.Verify(Sign(forger, "ECDSA-secp256r1-SHA256", HashAlgorithmName.SHA256), PublicKeyHex(meter)).Verdict);
    }

    [Fact]
    public void Raw_signatures_base64_signatures_bare_curve_points_and_keys_with_separators_are_understood()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var point = Convert.ToHexString([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]);
        var spaced = string.Join(' ', PublicKeyHex(key).Chunk(2).Select(c => new string(c))).ToLowerInvariant();

        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.Verify(Sign(key, "ECDSA-secp256r1-SHA256", HashAlgorithmName.SHA256, format: DSASignatureFormat.IeeeP1363FixedFieldConcatenation), PublicKeyHex(key)).Verdict);
        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.Verify(Sign(key, "ECDSA-secp256r1-SHA256", HashAlgorithmName.SHA256, base64: true), PublicKeyHex(key)).Verdict);
        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.Verify(Sign(key, "ECDSA-secp256r1-SHA256", HashAlgorithmName.SHA256), point).Verdict);
        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.Verify(Sign(key, "ECDSA-secp256r1-SHA256", HashAlgorithmName.SHA256), spaced).Verdict);
        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.Verify(Sign(key, "ECDSA-secp256r1-SHA256", HashAlgorithmName.SHA256), Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())).Verdict);
    }

    [Fact]
    public void Without_the_algorithm_field_OCMF_s_default_secp256r1_with_sha256_applies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = Convert.ToHexString(key.SignData(Encoding.UTF8.GetBytes(Payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.Verify($"OCMF|{Payload}|{{\"SD\":\"{signature}\"}}", PublicKeyHex(key)).Verdict);
    }

    [Theory]
    [InlineData("", "does not start with 'OCMF|'")]
    [InlineData("OCMF|{\"FV\":\"1.0\"}", "no signature section")]
    [InlineData("OCMF|{not json}|{\"SD\":\"00\"}", "not JSON")]
    [InlineData("OCMF|{\"FV\":\"1.0\"}|{\"SA\":\"ECDSA-secp256r1-SHA256\"}", "no SD")]
    [InlineData("OCMF|{\"FV\":\"1.0\"}|{\"SD\":\"zz\"}", "signature data is not hex")]
    public void Malformed_records_are_invalid_and_say_why(string text, string reason)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var check = OcmfVerifier.Verify(text, PublicKeyHex(key));

        Assert.Equal(OcmfVerdict.Invalid, check.Verdict);
        Assert.Contains(reason, check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_or_with_an_unknown_algorithm_a_signature_is_unverified()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = Sign(key, "ECDSA-secp256r1-SHA256", HashAlgorithmName.SHA256);

        Assert.Equal(OcmfVerdict.Unverified, OcmfVerifier.Verify(signed, null).Verdict);
        Assert.Equal(OcmfVerdict.Unverified, OcmfVerifier.Verify(signed, "not a key!").Verdict);
        Assert.Equal(OcmfVerdict.Unverified, OcmfVerifier.Verify(signed.Replace("ECDSA-secp256r1-SHA256", "RSA-2048-SHA256", StringComparison.Ordinal), PublicKeyHex(key)).Verdict);
    }

    [Fact]
    public void A_transaction_is_verified_only_when_start_and_end_both_verify_and_the_station_key_wins_over_the_values_own()
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        SignedMeterValue Value(ECDsa signer, string? embeddedKey) => new(Sign(signer, "ECDSA-secp256r1-SHA256", HashAlgorithmName.SHA256), "ECDSA-secp256r1-SHA256", "OCMF", embeddedKey);

        Assert.Equal(OcmfVerdict.NotSigned, OcmfVerifier.VerifyTransaction(null, null, PublicKeyHex(meter)).Verdict);
        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.VerifyTransaction(Value(meter, null), Value(meter, null), PublicKeyHex(meter)).Verdict);
        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.VerifyTransaction(Value(meter, PublicKeyHex(meter)), null, null).Verdict);
        Assert.Equal(OcmfVerdict.Unverified, OcmfVerifier.VerifyTransaction(Value(meter, null), null, null).Verdict);

        var forged = OcmfVerifier.VerifyTransaction(Value(meter, null), Value(other, PublicKeyHex(other)), PublicKeyHex(meter));
        Assert.Equal(OcmfVerdict.Invalid, forged.Verdict);
        Assert.StartsWith("end:", forged.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verified_reading_that_contradicts_the_billed_meter_makes_the_transaction_invalid()
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = PublicKeyHex(meter);
        var start = new SignedMeterValue(Sign(meter, "ECDSA-secp256r1-SHA256", HashAlgorithmName.SHA256), "ECDSA-secp256r1-SHA256", "OCMF");

        // The payload's begin reading is 1.234 kWh, written to 1 Wh.
        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.VerifyTransaction(start, null, key, meterStartWh: 1234m).Verdict);
        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.VerifyTransaction(start, null, key, meterStartWh: 1235m).Verdict);
        var contradicted = OcmfVerifier.VerifyTransaction(start, null, key, meterStartWh: 1300m);
        Assert.Equal(OcmfVerdict.Invalid, contradicted.Verdict);
        Assert.Contains("differs from the meter start (1300 Wh)", contradicted.Detail, StringComparison.Ordinal);

        // A reading we cannot find (no end reading in a begin record) is no contradiction.
        Assert.Equal(OcmfVerdict.Verified, OcmfVerifier.VerifyTransaction(null, start, key, meterStopWh: 99m).Verdict);
    }
}
