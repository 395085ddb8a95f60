namespace Everest.Site.Mqtt.Internal;

/// <summary>Thread-safe counters behind <see cref="MqttTransportStatistics"/>; incremented from any thread.</summary>
internal sealed class TransportCounters
{
    private long messagesReceived;
    private long messagesPublished;
    private long handlerErrors;
    private long reconnects;
    private long acknowledgementsDropped;
    private long droppedQueueFull;
    private long droppedConnectionEnded;

    public void MessageReceived() => Interlocked.Increment(ref messagesReceived);

    public void MessagePublished() => Interlocked.Increment(ref messagesPublished);

    public long HandlerFailed() => Interlocked.Increment(ref handlerErrors);

    public void Reconnected() => Interlocked.Increment(ref reconnects);

    public void AcknowledgementDropped() => Interlocked.Increment(ref acknowledgementsDropped);

    public void DroppedQueueFull(int count) => Interlocked.Add(ref droppedQueueFull, count);

    public void DroppedConnectionEnded() => Interlocked.Increment(ref droppedConnectionEnded);

    /// <param name="messagesWaiting">Messages waiting for the handlers now (the transport's inbound queue).</param>
    public MqttTransportStatistics Snapshot(int messagesWaiting = 0) => new(
        Interlocked.Read(ref messagesReceived),
        Interlocked.Read(ref messagesPublished),
        Interlocked.Read(ref handlerErrors),
        Interlocked.Read(ref reconnects))
    {
        AcknowledgementsDropped = Interlocked.Read(ref acknowledgementsDropped),
        MessagesDropped = new MqttDroppedMessages(Interlocked.Read(ref droppedQueueFull), Interlocked.Read(ref droppedConnectionEnded)),
        MessagesWaiting = messagesWaiting,
    };
}
