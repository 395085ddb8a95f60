using Everest.Site.Mqtt;

namespace Everest.Site.Simulator.Site;

/// <summary>
/// What the simulated EVerest still has to publish while its broker is away: QoS 1 messages in publication order,
/// kept until they can be sent again, as EVerest's MQTT client keeps them across a broker outage. Bounded: beyond
/// <see cref="Capacity"/> the oldest is dropped and counted. QoS 0 messages are never kept (the broker would not
/// keep them either). Not thread-safe: the simulation loop owns it.
/// </summary>
public sealed class PublishOutbox
{
    private readonly LinkedList<MqttMessage> _waiting = new();

    public PublishOutbox(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _waiting.Count;

    /// <summary>QoS 1 messages dropped, oldest first, because <see cref="Capacity"/> was reached.</summary>
    public long Dropped { get; private set; }

    /// <summary>QoS 0 messages not sent because the broker was away.</summary>
    public long SkippedAtMostOnce { get; private set; }

    /// <summary>Keeps <paramref name="message"/> behind everything waiting (QoS 0 is only counted); returns false when it was not kept.</summary>
    public bool Keep(MqttMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Qos == MqttQos.AtMostOnce)
        {
            SkippedAtMostOnce++;
            return false;
        }

        _waiting.AddLast(message);
        TrimToCapacity();
        return true;
    }

    /// <summary>Puts messages whose publishing failed back in front, in their original order.</summary>
    public void Return(IReadOnlyList<MqttMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Qos != MqttQos.AtMostOnce)
            {
                _waiting.AddFirst(messages[i]);
            }
        }

        TrimToCapacity();
    }

    /// <summary>Takes everything waiting, oldest first.</summary>
    public IReadOnlyList<MqttMessage> TakeAll()
    {
        var all = _waiting.ToList();
        _waiting.Clear();
        return all;
    }

    private void TrimToCapacity()
    {
        while (_waiting.Count > Capacity)
        {
            _waiting.RemoveFirst();
            Dropped++;
        }
    }
}
