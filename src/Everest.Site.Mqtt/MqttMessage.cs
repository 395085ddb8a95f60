namespace Everest.Site.Mqtt;

/// <summary>One MQTT application message, incoming or outgoing. The payload is owned by the message (never a view of a client library's buffer).</summary>
public sealed record MqttMessage(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos = MqttQos.AtMostOnce, bool Retain = false);
