using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.mqtt</c>: the broker the EVerest API runs over.</summary>
public sealed class MqttOptions
{
    public MqttProvider Provider { get; set; }

    public string Host { get; set; } = "";

    public int Port { get; set; }

    [ConfigurationKeyName("client-id")]
    public string ClientId { get; set; } = "";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public MqttTlsOptions Tls { get; set; } = new();

    [ConfigurationKeyName("keep-alive")]
    public TimeSpan KeepAlive { get; set; }

    public MqttReconnectOptions Reconnect { get; set; } = new();

    [ConfigurationKeyName("inbound-queue")]
    public MqttInboundQueueOptions InboundQueue { get; set; } = new();

    /// <summary>Topic on which the broker publishes our "offline" will; empty for none.</summary>
    [ConfigurationKeyName("last-will-topic")]
    public string LastWillTopic { get; set; } = "";
}
