namespace Everest.Site.Mqtt;

/// <summary>Received messages that never reached the handlers, by reason.</summary>
/// <param name="QueueFull">
/// QoS 0 messages pushed out of the full inbound queue (the oldest first) because the handlers were slower than the
/// broker's flow. They are lost: nobody sends a QoS 0 message again.
/// </param>
/// <param name="ConnectionEnded">
/// Messages whose connection ended before they were handed on (before its subscriptions were restored, or, for QoS 1,
/// while they waited in the inbound queue). The broker sends the QoS 1 ones again to a persistent session.
/// </param>
public readonly record struct MqttDroppedMessages(long QueueFull, long ConnectionEnded)
{
    /// <summary>All reasons together.</summary>
    public long Total => QueueFull + ConnectionEnded;
}
