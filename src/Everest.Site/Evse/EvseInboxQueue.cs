using Akka.Actor;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>
/// The pure bookkeeping of one EVSE's inbox: messages waiting in arrival order, the deliveries handed to the actor
/// and not yet acknowledged, the telemetry bound (oldest telemetry dropped first; everything else kept) and the
/// count of failures each message caused. No actor, no clock; <see cref="EvseInbox"/> drives it.
/// </summary>
internal sealed class EvseInboxQueue
{
    private readonly EvseInboxSettings _settings;

    /// <summary>Everything waiting for delivery, oldest first.</summary>
    private readonly LinkedList<Entry> _waiting = new();

    /// <summary>The telemetry among <see cref="_waiting"/>, oldest first (each entry knows its node here).</summary>
    private readonly LinkedList<Entry> _telemetry = new();

    /// <summary>Handed to the actor, not acknowledged, in delivery order.</summary>
    private readonly LinkedList<Entry> _inFlight = new();

    private long _lastDeliveryId;

    public EvseInboxQueue(EvseInboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.TelemetryCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.MaxInFlight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.MaxDeliveryAttempts);
        _settings = settings;
    }

    public int QueuedTelemetry => _telemetry.Count;

    public int QueuedOther => _waiting.Count - _telemetry.Count;

    public int InFlight => _inFlight.Count;

    public long DroppedTelemetry { get; private set; }

    public long GivenUp { get; private set; }

    /// <summary>
    /// Telemetry may be dropped under pressure; session and transaction events, OCPP transaction events, commands,
    /// queries and anything unknown may not.
    /// </summary>
    public static bool IsTelemetry(object message) => message switch
    {
        EverestPublication { Message.Payload: SessionEvent } => false,
        EverestPublication => true,
        EverestPublicationRejected => true,
        _ => false,
    };

    /// <summary>Queues <paramref name="message"/>; returns how much telemetry was dropped, oldest first, to keep the bound.</summary>
    public int Enqueue(object message, IActorRef sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entry = new Entry(message, sender, IsTelemetry(message));
        entry.Node = _waiting.AddLast(entry);
        if (!entry.IsTelemetry)
        {
            return 0;
        }

        entry.TelemetryNode = _telemetry.AddLast(entry);
        var dropped = 0;
        while (_telemetry.Count > _settings.TelemetryCapacity)
        {
            Unlink(_telemetry.First!.Value);
            dropped++;
        }

        DroppedTelemetry += dropped;
        return dropped;
    }

    /// <summary>The next message to hand over, numbered, unless the in-flight window is full or nothing waits.</summary>
    public bool TryTakeNext(out Entry entry)
    {
        if (_inFlight.Count >= _settings.MaxInFlight || _waiting.First is not { } first)
        {
            entry = null!;
            return false;
        }

        entry = first.Value;
        Unlink(entry);
        entry.DeliveryId = ++_lastDeliveryId;
        entry.Node = _inFlight.AddLast(entry);
        return true;
    }

    /// <summary>
    /// The actor finished every delivery up to <paramref name="deliveryId"/> (acknowledgements are cumulative);
    /// <paramref name="finished"/> is called with each of them, oldest first.
    /// </summary>
    public void Acknowledge(long deliveryId, Action<Entry>? finished = null)
    {
        while (_inFlight.First is { } first && first.Value.DeliveryId <= deliveryId)
        {
            _inFlight.RemoveFirst();
            first.Value.Node = null;
            finished?.Invoke(first.Value);
        }
    }

    /// <summary>
    /// The actor stopped: what it had not acknowledged goes back to the front of the queue, in order, for the next
    /// incarnation. When a delivery made it fail (<paramref name="messageAtFault"/>), the oldest unacknowledged one is
    /// the culprit; once it has failed <see cref="EvseInboxSettings.MaxDeliveryAttempts"/> times it is given up and
    /// returned.
    /// </summary>
    public Entry? ActorStopped(bool messageAtFault)
    {
        Entry? givenUp = null;
        if (messageAtFault && _inFlight.First is { } culprit && ++culprit.Value.Failures >= _settings.MaxDeliveryAttempts)
        {
            _inFlight.RemoveFirst();
            culprit.Value.Node = null;
            GivenUp++;
            givenUp = culprit.Value;
        }

        while (_inFlight.Last is { } last)
        {
            _inFlight.RemoveLast();
            var entry = last.Value;
            entry.Node = _waiting.AddFirst(entry);
            if (entry.IsTelemetry)
            {
                entry.TelemetryNode = _telemetry.AddFirst(entry);
            }
        }

        return givenUp;
    }

    private void Unlink(Entry entry)
    {
        if (entry.Node is { } node)
        {
            _waiting.Remove(node);
            entry.Node = null;
        }

        if (entry.TelemetryNode is { } telemetryNode)
        {
            _telemetry.Remove(telemetryNode);
            entry.TelemetryNode = null;
        }
    }

    /// <summary>One message with its original sender (so the actor answers the asker directly).</summary>
    public sealed class Entry(object message, IActorRef sender, bool isTelemetry)
    {
        public object Message { get; } = message;

        public IActorRef Sender { get; } = sender;

        public bool IsTelemetry { get; } = isTelemetry;

        /// <summary>The number of the latest hand-over (0 before the first).</summary>
        public long DeliveryId { get; internal set; }

        /// <summary>How many incarnations failed while handling this message.</summary>
        public int Failures { get; internal set; }

        /// <summary>Where the entry sits: in the waiting list or in the in-flight list.</summary>
        internal LinkedListNode<Entry>? Node { get; set; }

        internal LinkedListNode<Entry>? TelemetryNode { get; set; }
    }
}
