namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// How the transport retries a failed or lost connection (HOCON <c>everest-site.mqtt.reconnect</c>). The wait doubles
/// from <see cref="MinDelay"/> up to <see cref="MaxDelay"/> and returns to the minimum after a successful connection.
/// </summary>
public sealed record MqttNetReconnectOptions
{
    /// <summary><c>min-delay</c>: the first wait after a failure (default 1 s).</summary>
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>max-delay</c>: the longest wait between attempts (default 30 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
