namespace Everest.Site.Mqtt.Internal;

/// <summary>A received message with its acknowledgement, as the transport hands it to its handlers.</summary>
internal readonly record struct ReceivedMessage(MqttMessage Message, MqttDelivery Delivery);
