namespace Everest.Site.Mqtt.InMemory;

/// <summary>How an in-memory client connects; mirrors the choices a real MQTT client makes.</summary>
public sealed record InMemoryClientOptions
{
    /// <summary>
    /// False (the default, as for the controller's real connection) keeps the broker-side session while the
    /// client is away: its subscriptions stay and QoS 1 messages are queued for its return.
    /// </summary>
    public bool CleanSession { get; init; }

    /// <summary>Published by the broker when the client's connection ends without <see cref="IMqttTransport.DisconnectAsync"/>.</summary>
    public MqttMessage? LastWill { get; init; }

    /// <summary>
    /// True (the default) to reconnect by itself whenever the broker lets it in again after a lost connection,
    /// as the MQTTnet transport does.
    /// </summary>
    public bool AutoReconnect { get; init; } = true;
}
