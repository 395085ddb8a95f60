using Akka.Actor;
using Akka.Event;
using Everest.Site.Mqtt;

namespace Everest.Site.Evse;

/// <summary>
/// The actor's side of the inbox protocol: a delivery is acknowledged only after every event it caused is stored
/// (once no persist handler is outstanding), and the inbox learns why an incarnation stopped, so it can hand the
/// unacknowledged deliveries to the next one and tell a poison message from a journal outage.
/// </summary>
public sealed partial class EvseActor
{
    /// <summary>Set when handling a delivery threw: the delivery, not the journal, stopped this incarnation.</summary>
    private bool _failedOnDelivery;

    /// <summary>Events handed to the journal whose persist handler has not run yet.</summary>
    private int _unstoredEvents;

    /// <summary>
    /// Handled deliveries waiting for <see cref="_unstoredEvents"/> to reach 0, in delivery order, each with whether
    /// the actor kept its broker acknowledgement (see <see cref="_heldCsmsClaim"/>).
    /// </summary>
    private readonly Queue<(long DeliveryId, bool BrokerAcknowledgementKept)> _awaitingStore = new();

    /// <summary>Broker acknowledgements the actor kept, released and waiting for <see cref="_unstoredEvents"/> to reach 0.</summary>
    private readonly List<IMqttAcknowledgement> _claimsAwaitingStore = [];

    /// <summary>Set by a handler that kept the broker acknowledgement of the delivery being handled.</summary>
    private bool _keptBrokerAcknowledgement;

    private void Deliver(EvseDelivery delivery)
    {
        _keptBrokerAcknowledgement = false;
        try
        {
            Handle(delivery.Message);
        }
        catch
        {
            _failedOnDelivery = true;
            throw;
        }

        // Not DeferAsync: with nothing of its own to persist, a deferred handler travels to the journal alone, and
        // Akka.Persistence.Sql fails on a write batch without events (its circuit breaker then fails every write).
        _awaitingStore.Enqueue((delivery.DeliveryId, _keptBrokerAcknowledgement));
        AcknowledgeStoredDeliveries();
    }

    /// <summary>Acknowledges every handled delivery once all the events handed to the journal so far are stored.</summary>
    private void AcknowledgeStoredDeliveries()
    {
        if (_unstoredEvents > 0)
        {
            return;
        }

        while (_awaitingStore.TryDequeue(out var handled))
        {
            _inbox.Tell(new EvseDelivered(handled.DeliveryId, handled.BrokerAcknowledgementKept), Self);
        }

        foreach (var claim in _claimsAwaitingStore)
        {
            claim.Acknowledge();
        }

        _claimsAwaitingStore.Clear();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "EVSE {EvseId}: storing {EventType} (event {SequenceNr}) failed; the actor stops and recovers after its backoff, its input waits in the inbox",
            _settings.EvseId, @event.GetType().Name, sequenceNr);
        _metrics?.JournalWriteFailed(cause.Message, _time.GetUtcNow());
        Context.Stop(Self);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The journal refused this one event (it cannot be serialized): it is not in the history and never will be.
        _log.Error(cause, "EVSE {EvseId}: the journal rejected {EventType} (event {SequenceNr}); it is not stored", _settings.EvseId, @event.GetType().Name, sequenceNr);
        _metrics?.JournalWriteFailed($"{@event.GetType().Name} rejected: {cause.Message}", _time.GetUtcNow());
        Context.System.EventStream.Publish(new EvseInputRejected(_settings.EvseId, "journal", $"{@event.GetType().Name} was rejected by the journal: {cause.Message}"));
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _log.Error(reason, "EVSE {EvseId}: recovering the history failed; the actor stops and tries again after its backoff", _settings.EvseId);
        base.OnRecoveryFailure(reason, message);
    }

    protected override void PostStop()
    {
        _inbox.Tell(new EvseActorStopped(_failedOnDelivery), Self);
        base.PostStop();
    }
}
