namespace Everest.Site.Mqtt.MqttNet;

/// <summary>TLS to the broker (HOCON <c>everest-site.mqtt.tls</c>).</summary>
public sealed record MqttNetTlsOptions
{
    /// <summary><c>enabled</c>: connect with TLS; the broker's certificate and host name are always verified.</summary>
    public bool Enabled { get; init; }

    /// <summary>
    /// <c>ca-file</c>: PEM file of the certificate authorities trusted to sign the broker's certificate (only these are
    /// trusted then). Empty trusts the operating system's certificate store instead.
    /// </summary>
    public string? CaFile { get; init; }

    /// <summary><c>cert-file</c>: PEM client certificate, for brokers that authenticate clients by certificate (needs <see cref="KeyFile"/>).</summary>
    public string? CertFile { get; init; }

    /// <summary><c>key-file</c>: unencrypted PEM private key of <see cref="CertFile"/>.</summary>
    public string? KeyFile { get; init; }
}
