using System.Collections.Concurrent;

namespace Everest.Site.Actors;

/// <summary>
/// Publish/subscribe inside one actor system, by message type: a subscriber to a type receives every
/// published message assignable to it (derived classes, implemented interfaces). Subscribers that stop are
/// removed automatically. Thread-safe; publishing is lock-free.
/// </summary>
public sealed class EventStream
{
    /// <summary>Serializes changes to <see cref="_subscriptions"/>.</summary>
    private readonly Lock _gate = new();

    /// <summary>Copy-on-write list of (channel type, subscriber).</summary>
    private volatile Subscription[] _subscriptions = [];

    /// <summary>Per published type: its subscribers. Replaced, never cleared, on every change (see <see cref="Publish"/>).</summary>
    private volatile ConcurrentDictionary<Type, IActorRef[]> _byType = new();

    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Subscribes to <paramref name="channel"/> and its subtypes; false if already subscribed to it.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (Array.Exists(_subscriptions, s => s.Channel == channel && s.Subscriber.Equals(subscriber)))
            {
                return false;
            }

            Replace([.. _subscriptions, new Subscription(channel, subscriber)]);
            return true;
        }
    }

    public bool Unsubscribe<T>(IActorRef subscriber) => Unsubscribe(subscriber, typeof(T));

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        return RemoveWhere(s => s.Channel == channel && s.Subscriber.Equals(subscriber));
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return RemoveWhere(s => s.Subscriber.Equals(subscriber));
    }

    /// <summary>Delivers <paramref name="event"/> (without sender) to every subscriber of its type or a base type.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);

        // Read the cache before the list: a writer replaces the list first, so a fresh cache implies a fresh list.
        var cache = _byType;
        var targets = cache.GetOrAdd(@event.GetType(), static (type, self) => self.Compute(type), this);
        foreach (var target in targets)
        {
            target.Tell(@event);
        }
    }

    internal void RemoveTerminatedSubscriber(IActorRef actor)
    {
        var path = actor.Path;
        if (Array.Exists(_subscriptions, s => s.Subscriber.Path.Equals(path)))
        {
            RemoveWhere(s => s.Subscriber.Path.Equals(path));
        }
    }

    private IActorRef[] Compute(Type type)
    {
        var subscriptions = _subscriptions;
        var result = new List<IActorRef>();
        foreach (var subscription in subscriptions)
        {
            if (subscription.Channel.IsAssignableFrom(type) && !result.Contains(subscription.Subscriber))
            {
                result.Add(subscription.Subscriber);
            }
        }

        return [.. result];
    }

    private bool RemoveWhere(Predicate<Subscription> match)
    {
        lock (_gate)
        {
            var remaining = Array.FindAll(_subscriptions, s => !match(s));
            if (remaining.Length == _subscriptions.Length)
            {
                return false;
            }

            Replace(remaining);
            return true;
        }
    }

    private void Replace(Subscription[] subscriptions)
    {
        _subscriptions = subscriptions;
        _byType = new ConcurrentDictionary<Type, IActorRef[]>();
    }

    private sealed record Subscription(Type Channel, IActorRef Subscriber);
}
