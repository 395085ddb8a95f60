using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Everest.Site.Scenarios.Support;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>A firmware CA and signing certificates made for one test (valid around <see cref="SiteTestClock.Start"/>).</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly RSA _caKey = RSA.Create(2048);

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=Test Firmware CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = request.CreateSelfSigned(SiteTestClock.Start.AddYears(-1), SiteTestClock.Start.AddYears(5));
    }

    public X509Certificate2 Ca { get; }

    /// <summary>A signing certificate with an RSA key issued by <see cref="Ca"/> (or self-signed when <paramref name="untrusted"/>).</summary>
    public Signer RsaSigner(byte serial = 0x42, bool untrusted = false, DateTimeOffset? notAfter = null)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Firmware Signer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var from = SiteTestClock.Start.AddDays(-30);
        var to = notAfter ?? SiteTestClock.Start.AddYears(1);
        var certificate = untrusted
            ? request.CreateSelfSigned(from, to)
            : request.Create(Ca, from, to, [serial]);
        return new Signer(certificate, data => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>A signing certificate with an ECDSA P-256 key issued by <see cref="Ca"/>; signatures DER-encoded as OpenSSL writes them.</summary>
    public Signer EcdsaSigner(byte serial = 0x43)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Firmware Signer EC", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        // The CA's key is RSA and this one's ECDSA: the CA signs through a generator of its own algorithm.
        using var issued = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1), SiteTestClock.Start.AddDays(-30), SiteTestClock.Start.AddYears(1), [serial]);
        var certificate = issued.CopyWithPrivateKey(key);
        return new Signer(certificate, data => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
    }

    /// <summary>A signing certificate (PEM) and how to sign with its key.</summary>
    public sealed record Signer(X509Certificate2 Certificate, Func<byte[], byte[]> Sign)
    {
        public string Pem => Certificate.ExportCertificatePem();

        public string SignatureOf(byte[] image) => Convert.ToBase64String(Sign(image));
    }
}
