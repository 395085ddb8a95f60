using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Firmware;

/// <summary>
/// Checks a firmware signing certificate against the configured trusted CA and revocation list, and an image's
/// signature against the certificate's key (SHA-256 with RSA PKCS#1 v1.5 or ECDSA).
/// </summary>
public sealed class FirmwareTrust(FirmwareSettings settings)
{
    /// <summary>True when signatures are checked at all (a trusted CA is configured).</summary>
    public bool Enabled => settings.TrustedCa is not null;

    /// <summary>
    /// The answer the certificate of <paramref name="request"/> earns: null when it is fine (or checks are off),
    /// <see cref="UpdateFirmwareResponse.InvalidCertificate"/> when it is missing, unreadable, expired at
    /// <paramref name="now"/> or not issued under the trusted CA, <see cref="UpdateFirmwareResponse.RevokedCertificate"/>
    /// when its serial is revoked, <see cref="UpdateFirmwareResponse.Rejected"/> when the signature is missing.
    /// </summary>
    public (UpdateFirmwareResponse? Refusal, string? Reason) CheckCertificate(FirmwareUpdateRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (settings.TrustedCa is not { } ca)
        {
            return (null, null);
        }

        if (string.IsNullOrWhiteSpace(request.SigningCertificate))
        {
            return (UpdateFirmwareResponse.InvalidCertificate, "no signing_certificate, and a trusted firmware CA is configured");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(request.SigningCertificate);
        }
        catch (CryptographicException e)
        {
            return (UpdateFirmwareResponse.InvalidCertificate, $"signing_certificate is not a PEM certificate ({e.Message})");
        }

        using (certificate)
        {
            if (settings.RevokedSerials.Contains(FirmwareSettings.NormalizeSerial(certificate.SerialNumber)))
            {
                return (UpdateFirmwareResponse.RevokedCertificate, $"signing certificate serial {certificate.SerialNumber} is on the revocation list");
            }

            if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            {
                return (UpdateFirmwareResponse.InvalidCertificate, $"signing certificate is valid from {certificate.NotBefore:O} to {certificate.NotAfter:O}, not at {now:O}");
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            if (!chain.Build(certificate))
            {
                var why = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
                return (UpdateFirmwareResponse.InvalidCertificate, $"signing certificate does not chain to the trusted firmware CA ({why})");
            }
        }

        if (string.IsNullOrWhiteSpace(request.Signature))
        {
            return (UpdateFirmwareResponse.Rejected, "no signature, and a trusted firmware CA is configured");
        }

        return (null, null);
    }

    /// <summary>
    /// Whether <paramref name="signatureBase64"/> is a signature of the SHA-256 of the file at <paramref name="path"/>
    /// under the key of <paramref name="certificatePem"/>. ECDSA signatures are accepted DER-encoded (as OpenSSL
    /// writes them) or as raw r‖s.
    /// </summary>
    public static bool VerifySignature(string path, string certificatePem, string signatureBase64)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureBase64.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] hash;
        using (var file = File.OpenRead(path))
        {
            hash = SHA256.HashData(file);
        }

        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using var ecdsa = certificate.GetECDsaPublicKey();
        return ecdsa is not null
            && (ecdsa.VerifyHash(hash, signature, DSASignatureFormat.Rfc3279DerSequence)
                || ecdsa.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }
}
