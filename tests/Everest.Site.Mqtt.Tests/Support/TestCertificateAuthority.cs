using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Everest.Site.Mqtt.Tests.Support;

/// <summary>
/// A throwaway certificate authority made in memory for TLS tests: it issues broker and client certificates and
/// writes them as PEM, the format mosquitto (OpenSSL) and .NET read. Keys are ECDSA P-256 because they are
/// made in microseconds; private keys are written unencrypted in PKCS#8 (<c>BEGIN PRIVATE KEY</c>).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly HashAlgorithmName Hash = HashAlgorithmName.SHA256;

    private TestCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The authority's self-signed certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public static TestCertificateAuthority Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificateAuthority(request.CreateSelfSigned(now.AddHours(-1), now.AddDays(2)));
    }

    /// <summary>A certificate for a broker reachable under these names (IP addresses and DNS names both go into the subject alternative names).</summary>
    public TestCertificate IssueServerCertificate(params string[] hostNames)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var hostName in hostNames)
        {
            if (IPAddress.TryParse(hostName, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(hostName);
            }
        }

        return Issue($"CN={hostNames.FirstOrDefault() ?? "broker"}", "1.3.6.1.5.5.7.3.1", names.Build());
    }

    /// <summary>A certificate a client presents to a broker that requires one.</summary>
    public TestCertificate IssueClientCertificate(string name) => Issue($"CN={name}", "1.3.6.1.5.5.7.3.2", subjectAlternativeNames: null);

    public void Dispose() => Certificate.Dispose();

    private TestCertificate Issue(string subject, string extendedKeyUsage, X509Extension? subjectAlternativeNames)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsage)], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (subjectAlternativeNames is not null)
        {
            request.CertificateExtensions.Add(subjectAlternativeNames);
        }

        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Certificate, now.AddMinutes(-30), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return new TestCertificate(issued.ExportCertificatePem(), key);
    }
}
