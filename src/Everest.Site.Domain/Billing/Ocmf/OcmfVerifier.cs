using System.Security.Cryptography;
using System.Text;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Domain.Billing.Ocmf;

/// <summary>
/// Checks OCMF signed meter values: the ECDSA signature (<c>SD</c>) over the exact payload bytes under the meter's
/// public key, with the hash <c>SA</c> names. The key is what EVerest reports as <c>powermeter_public_key_ocmf</c>:
/// a DER SubjectPublicKeyInfo in hex (base64 is accepted too), or a bare uncompressed curve point whose curve
/// <c>SA</c> names. Curves: secp256r1, secp384r1, secp521r1, and brainpool / secp256k1 where the platform's
/// cryptography provides them (OpenSSL on Linux does). Pure: never throws on bad input, it says why instead.
/// </summary>
public static class OcmfVerifier
{
    /// <summary>
    /// The verdict on a transaction's signed start and end values. <paramref name="meterPublicKey"/> is the EVSE's
    /// key; where it is unknown, a value's own <see cref="SignedMeterValue.PublicKey"/> is used. Given the meter start
    /// and stop the CDR bills, a verified value must also agree with them (to the resolution of its reading):
    /// otherwise the signatures do not back the billed energy and the verdict is <see cref="OcmfVerdict.Invalid"/>.
    /// </summary>
    public static OcmfCheck VerifyTransaction(SignedMeterValue? start, SignedMeterValue? end, string? meterPublicKey, decimal? meterStartWh = null, decimal? meterStopWh = null)
    {
        var checks = new List<(string Name, OcmfCheck Check)>(2);
        if (start is not null)
        {
            checks.Add(("start", Agrees(Verify(start.SignedMeterData, meterPublicKey ?? start.PublicKey), start.SignedMeterData, 'B', meterStartWh, "meter start")));
        }

        if (end is not null)
        {
            checks.Add(("end", Agrees(Verify(end.SignedMeterData, meterPublicKey ?? end.PublicKey), end.SignedMeterData, 'E', meterStopWh, "meter stop")));
        }

        if (checks.Count == 0)
        {
            return OcmfCheck.NotSigned;
        }

        foreach (var verdict in (ReadOnlySpan<OcmfVerdict>)[OcmfVerdict.Invalid, OcmfVerdict.Unverified])
        {
            if (checks.FirstOrDefault(c => c.Check.Verdict == verdict) is { Check: not null } worst)
            {
                return new OcmfCheck(verdict, $"{worst.Name}: {worst.Check.Detail}");
            }
        }

        return new OcmfCheck(OcmfVerdict.Verified, string.Join(", ", checks.Select(c => c.Name)) + " verified");
    }

    /// <summary>A verified value whose reading contradicts the billed meter value is invalid evidence for it.</summary>
    private static OcmfCheck Agrees(OcmfCheck check, string signedMeterData, char phase, decimal? billedWh, string what)
    {
        if (check.Verdict != OcmfVerdict.Verified || billedWh is not { } billed || !OcmfDocument.TryParse(signedMeterData, out var document, out _)
            || !document.TryReadEnergy(phase, out var signedWh, out var resolution) || Math.Abs(signedWh - billed) <= resolution)
        {
            return check;
        }

        return new OcmfCheck(OcmfVerdict.Invalid, $"the signed reading ({signedWh} Wh) differs from the {what} ({billed} Wh)");
    }

    /// <summary>The verdict on one OCMF record under <paramref name="publicKey"/> (null or empty: unverified).</summary>
    public static OcmfCheck Verify(string signedMeterData, string? publicKey)
    {
        ArgumentNullException.ThrowIfNull(signedMeterData);
        if (!OcmfDocument.TryParse(signedMeterData, out var document, out var error))
        {
            return new OcmfCheck(OcmfVerdict.Invalid, "malformed OCMF: " + error);
        }

        if (string.IsNullOrWhiteSpace(publicKey))
        {
            return new OcmfCheck(OcmfVerdict.Unverified, "no public key known for the meter");
        }

        if (!TryParseAlgorithm(document.SignatureAlgorithm, out var curve, out var hash))
        {
            return new OcmfCheck(OcmfVerdict.Unverified, $"signature algorithm '{document.SignatureAlgorithm}' is not supported");
        }

        if (!TryDecode(document.SignatureData, document.SignatureEncoding, out var signature))
        {
            return new OcmfCheck(OcmfVerdict.Invalid, $"signature data is not {document.SignatureEncoding}");
        }

        if (!TryDecodeKey(publicKey, out var keyBytes))
        {
            return new OcmfCheck(OcmfVerdict.Unverified, "the public key is neither hex nor base64");
        }

        try
        {
            using var key = ImportKey(keyBytes, curve);
            if (key is null)
            {
                return new OcmfCheck(OcmfVerdict.Unverified, "the public key is not an EC SubjectPublicKeyInfo or curve point");
            }

            var payload = Encoding.UTF8.GetBytes(document.Payload);
            var valid = key.VerifyData(payload, signature, hash, DSASignatureFormat.Rfc3279DerSequence)
                || (signature.Length == 2 * ((key.KeySize + 7) / 8) && key.VerifyData(payload, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            return valid
                ? new OcmfCheck(OcmfVerdict.Verified, $"{document.SignatureAlgorithm} signature verified")
                : new OcmfCheck(OcmfVerdict.Invalid, $"{document.SignatureAlgorithm} signature does not match the payload");
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            return new OcmfCheck(OcmfVerdict.Unverified, "the key cannot be used here: " + e.Message);
        }
    }

    /// <summary>Reads <c>ECDSA-{curve}-SHA{bits}</c>.</summary>
    private static bool TryParseAlgorithm(string algorithm, out ECCurve curve, out HashAlgorithmName hash)
    {
        curve = default;
        hash = default;
        var parts = algorithm.Split('-');
        if (parts.Length != 3 || !parts[0].Equals("ECDSA", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        ECCurve? named = parts[1].ToLowerInvariant() switch
        {
            "secp256r1" or "prime256v1" or "nistp256" => ECCurve.NamedCurves.nistP256,
            "secp384r1" or "nistp384" => ECCurve.NamedCurves.nistP384,
            "secp521r1" or "nistp521" => ECCurve.NamedCurves.nistP521,
            "brainpool256r1" or "brainpoolp256r1" => ECCurve.NamedCurves.brainpoolP256r1,
            "brainpool384r1" or "brainpoolp384r1" => ECCurve.NamedCurves.brainpoolP384r1,
            "brainpool512r1" or "brainpoolp512r1" => ECCurve.NamedCurves.brainpoolP512r1,
            "secp256k1" => ECCurve.CreateFromValue("1.3.132.0.10"),
            "secp192k1" => ECCurve.CreateFromValue("1.3.132.0.31"),
            _ => null,
        };
        HashAlgorithmName? digest = parts[2].ToUpperInvariant() switch
        {
            "SHA256" => HashAlgorithmName.SHA256,
            "SHA384" => HashAlgorithmName.SHA384,
            "SHA512" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (named is null || digest is null)
        {
            return false;
        }

        curve = named.Value;
        hash = digest.Value;
        return true;
    }

    private static bool TryDecode(string text, string encoding, out byte[] bytes)
    {
        bytes = [];
        try
        {
            bytes = encoding.Equals("base64", StringComparison.OrdinalIgnoreCase) ? Convert.FromBase64String(text) : Convert.FromHexString(text);
            return bytes.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryDecodeKey(string key, out byte[] bytes)
    {
        var compact = new string(key.Where(c => !char.IsWhiteSpace(c) && c != ':').ToArray());
        if (compact.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            compact = compact[2..];
        }

        if (compact.Length % 2 == 0 && compact.All(char.IsAsciiHexDigit))
        {
            bytes = Convert.FromHexString(compact);
            return true;
        }

        return TryDecode(compact, "base64", out bytes);
    }

    /// <summary>A SubjectPublicKeyInfo, or else an uncompressed point (<c>04 || X || Y</c>) on the curve SA names.</summary>
    private static ECDsa? ImportKey(byte[] keyBytes, ECCurve curve)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(keyBytes, out _);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
        }

        if (keyBytes.Length < 3 || keyBytes[0] != 0x04 || keyBytes.Length % 2 == 0)
        {
            return null;
        }

        var half = (keyBytes.Length - 1) / 2;
        return ECDsa.Create(new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = keyBytes[1..(1 + half)], Y = keyBytes[(1 + half)..] },
        });
    }
}
