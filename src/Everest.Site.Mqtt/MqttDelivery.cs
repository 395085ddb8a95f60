namespace Everest.Site.Mqtt;

/// <summary>
/// The acknowledgement of one received message, as seen by the handlers of
/// <see cref="IMqttTransport.OnMessage(Action{MqttMessage, MqttDelivery})"/>. A handler that hands the message on
/// and wants the broker to keep it until its effect is stored calls <see cref="Defer"/> and acknowledges the claim
/// later, from any thread. When no handler defers, the message is acknowledged as soon as the handlers returned.
/// </summary>
/// <remarks>
/// Claims are counted: with several claims (one message handed to several EVSEs), the broker's acknowledgement goes
/// out when the last one is acknowledged. A claim never acknowledged keeps the message unacknowledged until the
/// connection ends; the broker then sends it again to the session. Acknowledgements may complete out of arrival
/// order, so one slow store (one EVSE's journal) does not hold back the acknowledgements of the others.
/// </remarks>
public sealed class MqttDelivery
{
    /// <summary>Counts the transport's own hold while handlers run, plus one per claim not yet acknowledged.</summary>
    private int _holds = 1;

    private readonly Action? _acknowledge;

    /// <summary>
    /// For transport implementations: a delivery whose broker acknowledgement <paramref name="acknowledge"/> sends.
    /// Hand it to the handlers, then call <see cref="HandlersReturned"/>.
    /// </summary>
    /// <param name="acknowledge">Sends the broker's acknowledgement; called once, on the thread that released the last hold.</param>
    public MqttDelivery(Action acknowledge)
    {
        ArgumentNullException.ThrowIfNull(acknowledge);
        _acknowledge = acknowledge;
    }

    private MqttDelivery()
    {
    }

    /// <summary>
    /// A delivery whose acknowledgement is not deferrable: QoS 0 messages, and transports that acknowledge when the
    /// handlers returned (the in-memory test broker). <see cref="Defer"/> returns a claim that does nothing.
    /// </summary>
    public static MqttDelivery Immediate { get; } = new();

    /// <summary>True when <see cref="Defer"/> really holds the broker's acknowledgement back.</summary>
    public bool IsDeferrable => _acknowledge is not null;

    /// <summary>Holds the broker's acknowledgement back until the returned claim is acknowledged.</summary>
    public IMqttAcknowledgement Defer()
    {
        if (_acknowledge is null)
        {
            return NoAcknowledgement.Instance;
        }

        if (Interlocked.Increment(ref _holds) <= 1)
        {
            // Deferring after the acknowledgement went out is a programming error: the message is already gone.
            throw new InvalidOperationException("This message was already acknowledged to the broker; defer from inside the message handler.");
        }

        return new Claim(this);
    }

    /// <summary>For transport implementations: the handlers returned; without open claims the acknowledgement goes out now.</summary>
    public void HandlersReturned() => Release();

    private void Release()
    {
        if (Interlocked.Decrement(ref _holds) == 0)
        {
            _acknowledge?.Invoke();
        }
    }

    private sealed class Claim(MqttDelivery delivery) : IMqttAcknowledgement
    {
        private int _acknowledged;

        public void Acknowledge()
        {
            if (Interlocked.Exchange(ref _acknowledged, 1) == 0)
            {
                delivery.Release();
            }
        }
    }

    private sealed class NoAcknowledgement : IMqttAcknowledgement
    {
        public static NoAcknowledgement Instance { get; } = new();

        public void Acknowledge()
        {
        }
    }
}
