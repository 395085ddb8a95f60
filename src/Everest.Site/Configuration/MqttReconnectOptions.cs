using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.mqtt.reconnect</c>: exponential backoff bounds after a lost connection.</summary>
public sealed class MqttReconnectOptions
{
    [ConfigurationKeyName("min-delay")]
    public TimeSpan MinDelay { get; set; }

    [ConfigurationKeyName("max-delay")]
    public TimeSpan MaxDelay { get; set; }
}
