namespace Everest.Site.Mqtt;

/// <summary>A change of connection state, with the broker's or library's reason when there is one.</summary>
public sealed record MqttConnectionStateChanged(MqttConnectionState State, string? Reason = null);
