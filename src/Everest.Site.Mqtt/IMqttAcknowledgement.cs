namespace Everest.Site.Mqtt;

/// <summary>
/// A claim on the broker's acknowledgement (PUBACK) of one received QoS 1 message, taken through
/// <see cref="MqttDelivery.Defer"/>. The broker is told the message arrived once every claim on it is acknowledged;
/// until then it keeps the message for this client's persistent session and sends it again after a reconnect or a
/// restart of the process. Thread-safe; only the first call counts.
/// </summary>
public interface IMqttAcknowledgement
{
    /// <summary>What the message caused is safe: the broker may forget it.</summary>
    void Acknowledge();
}
