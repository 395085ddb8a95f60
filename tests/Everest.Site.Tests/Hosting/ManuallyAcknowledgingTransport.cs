using System.Collections.Concurrent;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;

namespace Everest.Site.Tests.Hosting;

/// <summary>
/// An in-memory transport that acknowledges QoS 1 messages the way the MQTTnet transport does: each message comes
/// with a deferrable <see cref="MqttDelivery"/>, and the acknowledgement goes out when the handlers returned unless
/// one of them took a claim. It records, per topic, whether a message was acknowledged at once (while its handlers
/// returned) or later, by whoever held the claim.
/// </summary>
internal sealed class ManuallyAcknowledgingTransport(InMemoryMqttTransport inner) : IMqttTransport
{
    /// <summary>True on the delivering thread while <see cref="MqttDelivery.HandlersReturned"/> runs.</summary>
    private readonly ThreadLocal<bool> releasing = new();

    private readonly List<Action<MqttMessage, MqttDelivery>> handlers = [];

    /// <summary>The one registration on the transport underneath, made with the first handler.</summary>
    private IDisposable? dispatching;

    /// <summary>Each acknowledged message's topic, and whether the acknowledgement went out as its handlers returned.</summary>
    public ConcurrentQueue<(string Topic, bool AtOnce)> Acknowledged { get; } = new();

    public MqttConnectionState State => inner.State;

    public Task ConnectAsync(CancellationToken cancellationToken = default) => inner.ConnectAsync(cancellationToken);

    public Task SubscribeAsync(string topicFilter, MqttQos qos = MqttQos.AtLeastOnce, CancellationToken cancellationToken = default) =>
        inner.SubscribeAsync(topicFilter, qos, cancellationToken);

    public Task UnsubscribeAsync(string topicFilter, CancellationToken cancellationToken = default) => inner.UnsubscribeAsync(topicFilter, cancellationToken);

    public Task PublishAsync(MqttMessage message, CancellationToken cancellationToken = default) => inner.PublishAsync(message, cancellationToken);

    public IDisposable OnMessage(Action<MqttMessage> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return OnMessage((message, _) => handler(message));
    }

    /// <summary>Every handler of one message shares its delivery, as with the MQTTnet transport.</summary>
    public IDisposable OnMessage(Action<MqttMessage, MqttDelivery> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (handlers)
        {
            handlers.Add(handler);
            dispatching ??= inner.OnMessage(Dispatch);
        }

        return new Registration(this, handler);
    }

    private void Dispatch(MqttMessage message)
    {
        Action<MqttMessage, MqttDelivery>[] current;
        lock (handlers)
        {
            current = [.. handlers];
        }

        if (message.Qos == MqttQos.AtMostOnce)
        {
            foreach (var handler in current)
            {
                handler(message, MqttDelivery.Immediate);
            }

            return;
        }

        var delivery = new MqttDelivery(() => Acknowledged.Enqueue((message.Topic, releasing.Value)));
        foreach (var handler in current)
        {
            handler(message, delivery);
        }

        releasing.Value = true;
        try
        {
            delivery.HandlersReturned();
        }
        finally
        {
            releasing.Value = false;
        }
    }

    public IDisposable OnConnectionStateChanged(Action<MqttConnectionStateChanged> handler) => inner.OnConnectionStateChanged(handler);

    public Task DisconnectAsync(CancellationToken cancellationToken = default) => inner.DisconnectAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        dispatching?.Dispose();
        await inner.DisposeAsync().ConfigureAwait(false);
        releasing.Dispose();
    }

    private sealed class Registration(ManuallyAcknowledgingTransport owner, Action<MqttMessage, MqttDelivery> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.handlers)
            {
                owner.handlers.Remove(handler);
            }
        }
    }
}
