using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.mqtt.tls</c>. Empty file names mean "not used".</summary>
public sealed class MqttTlsOptions
{
    public bool Enabled { get; set; }

    [ConfigurationKeyName("ca-file")]
    public string CaFile { get; set; } = "";

    [ConfigurationKeyName("cert-file")]
    public string CertFile { get; set; } = "";

    [ConfigurationKeyName("key-file")]
    public string KeyFile { get; set; } = "";
}
