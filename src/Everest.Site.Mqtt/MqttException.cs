namespace Everest.Site.Mqtt;

/// <summary>An MQTT operation failed; the message says why in words an operator can act on.</summary>
public sealed class MqttException : Exception
{
    public MqttException(string message)
        : base(message)
    {
    }

    public MqttException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when trying again later may succeed (connection lost), false when it cannot (bad credentials, bad topic).</summary>
    public bool IsTransient { get; init; }
}
