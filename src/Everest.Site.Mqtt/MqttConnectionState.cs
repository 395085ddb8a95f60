namespace Everest.Site.Mqtt;

/// <summary>Where a transport's connection to its broker stands.</summary>
public enum MqttConnectionState
{
    Disconnected,
    Connecting,
    Connected,

    /// <summary>The connection was lost (or a later attempt failed); the transport is reconnecting with backoff by itself.</summary>
    Reconnecting,
}
