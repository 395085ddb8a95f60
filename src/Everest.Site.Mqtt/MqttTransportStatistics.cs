namespace Everest.Site.Mqtt;

/// <summary>A point-in-time copy of a transport's counters, for metrics and health pages.</summary>
/// <param name="MessagesReceived">Messages handed to this client by the broker.</param>
/// <param name="MessagesPublished">Messages this client published (accepted by the library or in-memory broker).</param>
/// <param name="HandlerErrors">Exceptions thrown by registered handlers (caught, logged rate-limited, delivery went on).</param>
/// <param name="Reconnects">Connections re-established after a loss (the first connect is not counted).</param>
public sealed record MqttTransportStatistics(long MessagesReceived, long MessagesPublished, long HandlerErrors, long Reconnects)
{
    /// <summary>
    /// Deferred acknowledgements (<see cref="MqttDelivery.Defer"/>) that could not be sent because their connection
    /// had ended: the broker sends those messages again to the session.
    /// </summary>
    public long AcknowledgementsDropped { get; init; }

    /// <summary>Received messages that never reached the handlers, by reason.</summary>
    public MqttDroppedMessages MessagesDropped { get; init; }

    /// <summary>Received messages waiting for the handlers at the time of the snapshot.</summary>
    public int MessagesWaiting { get; init; }
}
