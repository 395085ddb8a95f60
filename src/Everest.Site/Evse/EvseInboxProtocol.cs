using Akka.Event;

namespace Everest.Site.Evse;

// The protocol between an EVSE's inbox and its actor. The inbox hands each message over as a numbered delivery and
// keeps it until the actor acknowledges it (after the events it caused are stored), so a message is never lost to
// an actor that fails or restarts: whatever was not acknowledged is handed to the next incarnation, in order.

/// <summary>A message from the inbox; the actor acknowledges <paramref name="DeliveryId"/> once it is fully handled.</summary>
internal sealed record EvseDelivery(long DeliveryId, object Message);

/// <summary>The actor handled (and stored what it had to store for) every delivery up to <paramref name="DeliveryId"/>.</summary>
/// <param name="BrokerAcknowledgementKept">
/// True when the actor keeps the broker's acknowledgement of delivery <paramref name="DeliveryId"/> itself, because
/// what it carries waits in memory for something still to come (a CSMS transaction id before its TransactionStarted):
/// the inbox then leaves it to the actor.
/// </param>
internal sealed record EvseDelivered(long DeliveryId, bool BrokerAcknowledgementKept = false) : IDeadLetterSuppression;

/// <summary>A fresh incarnation of the actor has recovered its history and takes deliveries (the sender is the actor).</summary>
internal sealed record EvseActorReady
{
    public static EvseActorReady Instance { get; } = new();
}

/// <summary>
/// The actor stopped. <paramref name="MessageAtFault"/> is true when handling a delivery threw, so the oldest
/// unacknowledged delivery caused it; false when the journal failed or the actor was stopped from outside.
/// </summary>
/// <remarks>When the whole fleet stops, the inbox is gone before this arrives; that is expected, not a dead letter worth a log line.</remarks>
internal sealed record EvseActorStopped(bool MessageAtFault) : IDeadLetterSuppression;

/// <summary>Asks an EVSE's inbox (not its actor) for its <see cref="EvseInboxStatus"/>; send it in an <see cref="EvseEnvelope"/>.</summary>
public sealed record GetEvseInboxStatus
{
    public static GetEvseInboxStatus Instance { get; } = new();
}

/// <summary>What waits for one EVSE actor, and what its inbox had to give up.</summary>
/// <param name="QueuedTelemetry">Telemetry waiting (bounded by <see cref="EvseInboxSettings.TelemetryCapacity"/>).</param>
/// <param name="QueuedOther">Session events, OCPP transaction events, commands and queries waiting (never dropped).</param>
/// <param name="InFlight">Handed to the actor and not acknowledged yet.</param>
/// <param name="DroppedTelemetry">Telemetry dropped, oldest first, because the bound was reached.</param>
/// <param name="GivenUp">Messages given up as poison: the actor failed on each of them too often.</param>
/// <param name="ActorStarts">How many incarnations of the actor have become ready.</param>
/// <param name="ActorReady">True while an incarnation takes deliveries (false while it recovers or backs off).</param>
public sealed record EvseInboxStatus(
    string EvseId,
    int QueuedTelemetry,
    int QueuedOther,
    int InFlight,
    long DroppedTelemetry,
    long GivenUp,
    int ActorStarts,
    bool ActorReady);
