using System.Security.Cryptography;

namespace Everest.Site.Mqtt.Tests.Support;

/// <summary>An issued certificate and its private key, as PEM.</summary>
public sealed class TestCertificate(string certificatePem, ECDsa key) : IDisposable
{
    public string CertificatePem { get; } = certificatePem;

    /// <summary>Unencrypted PKCS#8 (<c>BEGIN PRIVATE KEY</c>), which OpenSSL reads without being told the key type.</summary>
    public string PrivateKeyPem => key.ExportPkcs8PrivateKeyPem();

    /// <summary>Writes <c>{name}.pem</c> and <c>{name}-key.pem</c> (readable by the owner only) into <paramref name="directory"/>.</summary>
    public (string CertificateFile, string KeyFile) WriteTo(string directory, string name)
    {
        var certificateFile = Path.Combine(directory, $"{name}.pem");
        var keyFile = Path.Combine(directory, $"{name}-key.pem");
        File.WriteAllText(certificateFile, CertificatePem);
        File.WriteAllText(keyFile, PrivateKeyPem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (certificateFile, keyFile);
    }

    public void Dispose() => key.Dispose();
}
