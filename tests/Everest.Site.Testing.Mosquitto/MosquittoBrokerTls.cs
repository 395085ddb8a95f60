namespace Everest.Site.Testing.Mosquitto;

/// <summary>
/// Makes the broker's listener serve TLS (MQTT over TLS) with this certificate. The PEM texts are written into
/// the broker's directory, so that callers can create them in memory.
/// </summary>
public sealed record MosquittoBrokerTls
{
    /// <summary>PEM certificate(s) of the authorities the broker trusts to sign client certificates (<c>cafile</c>).</summary>
    public required string CaCertificatesPem { get; init; }

    /// <summary>PEM certificate the broker presents (<c>certfile</c>); it should name 127.0.0.1, where the broker listens.</summary>
    public required string CertificatePem { get; init; }

    /// <summary>Unencrypted PEM private key of <see cref="CertificatePem"/> (<c>keyfile</c>; PKCS#8, RSA or EC).</summary>
    public required string PrivateKeyPem { get; init; }

    /// <summary>Refuse clients that do not present a certificate signed by <see cref="CaCertificatesPem"/> (<c>require_certificate</c>).</summary>
    public bool RequireClientCertificate { get; init; }
}
