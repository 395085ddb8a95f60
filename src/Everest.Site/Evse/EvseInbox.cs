using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using Everest.Site.Diagnostics;
using Everest.Site.EverestApi;

namespace Everest.Site.Evse;

/// <summary>
/// The entity the fleet routes one EVSE's messages to. It owns the EVSE actor's backoff supervisor and keeps what
/// waits for the actor (<see cref="EvseInboxQueue"/>): messages are handed over a few at a time and kept until the
/// actor acknowledges them, so while the actor recovers, backs off after a failure or restarts, nothing is lost and
/// the order holds. Telemetry is bounded (oldest dropped and counted); everything else is kept. A message the actor
/// keeps failing on is given up after <see cref="EvseInboxSettings.MaxDeliveryAttempts"/> and reported.
/// </summary>
internal sealed class EvseInbox : UntypedActor
{
    /// <summary>After the first dropped telemetry message, one warning per this many.</summary>
    public const int DropLogEvery = 1000;

    private readonly EvseActorSettings _settings;
    private readonly EvseFleetPlan _plan;
    private readonly EverestApiClient _client;
    private readonly IBrokerBarrier _barrier;
    private readonly TimeProvider _time;
    private readonly SiteMetrics? _metrics;
    private readonly EvseInboxQueue _queue;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>The incarnation taking deliveries; null while none is ready.</summary>
    private IActorRef? _actor;

    private int _actorStarts;

    public EvseInbox(EvseActorSettings settings, EvseFleetPlan plan, EverestApiClient client, IBrokerBarrier barrier, TimeProvider time, SiteMetrics? metrics)
    {
        _settings = settings;
        _plan = plan;
        _client = client;
        _barrier = barrier;
        _time = time;
        _metrics = metrics;
        _queue = new EvseInboxQueue(plan.Inbox);
    }

    public static Props Props(EvseActorSettings settings, EvseFleetPlan plan, EverestApiClient client, IBrokerBarrier barrier, TimeProvider time, SiteMetrics? metrics) =>
        Akka.Actor.Props.Create(() => new EvseInbox(settings, plan, client, barrier, time, metrics));

    protected override void PreStart()
    {
        var inbox = Self;
        var settings = _settings;
        var client = _client;
        var barrier = _barrier;
        var time = _time;
        var metrics = _metrics;
        var evseProps = Akka.Actor.Props.Create(() => new EvseActor(settings, client, barrier, time, inbox, metrics));
        var backoff = _plan.Backoff;

        // On stop, not on failure: a persistent actor stops itself when its journal fails, and every exception is
        // turned into a stop too, so both wait out the same backoff before the history is recovered again.
        var options = Backoff.OnStop(evseProps, EvseActorSettings.PersistenceIdOf(_settings.EvseId), backoff.MinBackoff, backoff.MaxBackoff, backoff.RandomFactor, maxNrOfRetries: -1)
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Stop));
        Context.ActorOf(BackoffSupervisor.Props(options), "backoff");
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case EvseActorReady:
                OnActorReady(Sender);
                break;
            case EvseActorStopped stopped when Sender.Equals(_actor):
                OnActorStopped(stopped.MessageAtFault);
                break;
            case EvseDelivered delivered when Sender.Equals(_actor):
                _queue.Acknowledge(delivered.DeliveryId, entry =>
                {
                    if (!delivered.BrokerAcknowledgementKept || entry.DeliveryId != delivered.DeliveryId)
                    {
                        AcknowledgeToBroker(entry);
                    }
                });
                DeliverWhatFits();
                break;
            case EvseActorStopped or EvseDelivered:
                // From an incarnation that is already gone: what it left unacknowledged was queued again.
                break;
            case GetEvseInboxStatus:
                Sender.Tell(CurrentStatus());
                break;
            default:
                Accept(message);
                break;
        }
    }

    private void Accept(object message)
    {
        var dropped = _queue.Enqueue(message, Sender);
        if (dropped > 0)
        {
            var total = _queue.DroppedTelemetry;
            if (total == dropped || total / DropLogEvery != (total - dropped) / DropLogEvery)
            {
                _log.Warning("EVSE {EvseId}: its actor is behind; dropped the oldest telemetry ({Dropped} so far, {Capacity} kept)", _settings.EvseId, total, _plan.Inbox.TelemetryCapacity);
            }
        }

        DeliverWhatFits();
    }

    private void OnActorReady(IActorRef actor)
    {
        if (_actor is not null && !_actor.Equals(actor))
        {
            // The previous incarnation's stop notice cannot be outrun by its successor; be safe anyway.
            OnActorStopped(messageAtFault: false);
        }

        _actor = actor;
        _actorStarts++;
        if (_actorStarts > 1)
        {
            _log.Info("EVSE {EvseId}: actor restarted (start {Starts}); handing over {Waiting} waiting messages", _settings.EvseId, _actorStarts, _queue.QueuedTelemetry + _queue.QueuedOther);
        }

        DeliverWhatFits();
    }

    private void OnActorStopped(bool messageAtFault)
    {
        _actor = null;
        if (_queue.ActorStopped(messageAtFault) is { } givenUp)
        {
            GiveUp(givenUp);
        }
    }

    private void DeliverWhatFits()
    {
        if (_actor is null)
        {
            return;
        }

        while (_queue.TryTakeNext(out var entry))
        {
            _actor.Tell(new EvseDelivery(entry.DeliveryId, entry.Message), entry.Sender);
        }
    }

    /// <summary>What the message caused is stored (or nothing will ever come of it): the broker may forget it.</summary>
    private static void AcknowledgeToBroker(EvseInboxQueue.Entry entry)
    {
        if (entry.Message is IAcknowledgedAfterStoring { BrokerAcknowledgement: { } acknowledgement })
        {
            acknowledgement.Acknowledge();
        }
    }

    /// <summary>Reports a message the actor failed on too often, to whoever can act on it.</summary>
    private void GiveUp(EvseInboxQueue.Entry entry)
    {
        // Redelivering a poison message would only fail the actor again: acknowledged, reported below.
        AcknowledgeToBroker(entry);
        var reason = $"the EVSE actor failed {entry.Failures} times while handling it; given up";
        _log.Error("EVSE {EvseId}: gave up a {MessageType}: {Reason}", _settings.EvseId, entry.Message.GetType().Name, reason);
        switch (entry.Message)
        {
            case EverestPublication publication:
                Context.System.EventStream.Publish(new EvseInputRejected(_settings.EvseId, publication.Message.Topic.ToString(), reason));
                break;
            case OcppTransactionObserved observed:
                Context.System.EventStream.Publish(new EvseInputRejected(_settings.EvseId, $"ocpp_transaction_event {observed.Event.SessionId}", reason));
                break;
            case IEvseCommand command:
                entry.Sender.Tell(EvseCommandResult.Failure(_settings.EvseId, command.Operation, $"{command.Operation} was not executed: {reason}"));
                break;
            case var _ when !entry.Sender.IsNobody():
                entry.Sender.Tell(new Status.Failure(new InvalidOperationException($"EVSE {_settings.EvseId}: {entry.Message.GetType().Name}: {reason}")));
                break;
            default:
                break;
        }
    }

    private EvseInboxStatus CurrentStatus() => new(
        _settings.EvseId,
        _queue.QueuedTelemetry,
        _queue.QueuedOther,
        _queue.InFlight,
        _queue.DroppedTelemetry,
        _queue.GivenUp,
        _actorStarts,
        _actor is not null);
}
