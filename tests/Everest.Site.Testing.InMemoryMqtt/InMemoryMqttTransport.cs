using System.Threading.Channels;
using Everest.Site.Mqtt.Internal;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Mqtt.InMemory;

/// <summary>
/// A client of an <see cref="InMemoryBroker"/>; created by <see cref="InMemoryBroker.CreateClient"/>.
/// Operations take effect at the broker before they return. Messages and state changes are handed to the
/// handlers on this client's own delivery loop (never on the publisher's stack), one at a time, in order.
/// </summary>
public sealed class InMemoryMqttTransport : IMqttTransport
{
    private readonly InMemoryBroker broker;
    private readonly HandlerRegistry<MqttMessage> messageHandlers;
    private readonly HandlerRegistry<MqttConnectionStateChanged> stateHandlers;

    /// <summary>Deliveries in arrival order; written under the broker's lock, read only by the delivery loop.</summary>
    private readonly Channel<Delivery> deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task deliveryLoop;

    /// <summary>Set while the delivery loop runs handlers, so a handler that disposes its own client does not wait for itself.</summary>
    private volatile int deliveryThreadId;

    /// <summary>Mirrors <see cref="StateLocked"/> for lock-free reads.</summary>
    private volatile MqttConnectionState state = MqttConnectionState.Disconnected;

    /// <summary>True once crashed or disposed; the delivery loop then stops calling handlers.</summary>
    private volatile bool dead;

    internal InMemoryMqttTransport(InMemoryBroker broker, string clientId, InMemoryClientOptions options, ILogger logger)
    {
        this.broker = broker;
        ClientId = clientId;
        Options = options;
        messageHandlers = new HandlerRegistry<MqttMessage>(Counters, logger, clientId);
        stateHandlers = new HandlerRegistry<MqttConnectionStateChanged>(Counters, logger, clientId);
        deliveryLoop = Task.Run(RunDeliveryLoopAsync);
    }

    /// <summary>The MQTT client id this client connects with.</summary>
    public string ClientId { get; }

    public MqttConnectionState State => state;

    /// <summary>This client's counters (messages in/out, handler errors, reconnects).</summary>
    public MqttTransportStatistics Statistics => Counters.Snapshot();

    internal InMemoryClientOptions Options { get; }

    internal TransportCounters Counters { get; } = new();

    // The members below are guarded by the broker's lock.
    internal MqttConnectionState StateLocked => state;

    internal bool WantsConnectionLocked { get; set; }

    internal bool HasConnectedLocked { get; set; }

    internal bool IsDeadLocked
    {
        get => dead;
        set => dead = value;
    }

    /// <summary>What the application subscribed to; the client subscribes again with these after every reconnect.</summary>
    internal Dictionary<string, MqttQos> DesiredSubscriptionsLocked { get; } = new(StringComparer.Ordinal);

    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        broker.Connect(this);
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(string topicFilter, MqttQos qos = MqttQos.AtLeastOnce, CancellationToken cancellationToken = default)
    {
        MqttTopics.EnsureValidFilter(topicFilter);
        EnsureQos(qos);
        cancellationToken.ThrowIfCancellationRequested();
        broker.Subscribe(this, topicFilter, qos);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(string topicFilter, CancellationToken cancellationToken = default)
    {
        MqttTopics.EnsureValidFilter(topicFilter);
        cancellationToken.ThrowIfCancellationRequested();
        broker.Unsubscribe(this, topicFilter);
        return Task.CompletedTask;
    }

    public Task PublishAsync(MqttMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        MqttTopics.EnsureValidTopicName(message.Topic);
        EnsureQos(message.Qos);
        cancellationToken.ThrowIfCancellationRequested();

        // The broker keeps the message; the caller may reuse its buffer as soon as this returns.
        broker.Publish(this, message with { Payload = message.Payload.ToArray() });
        Counters.MessagePublished();
        return Task.CompletedTask;
    }

    public IDisposable OnMessage(Action<MqttMessage> handler) => messageHandlers.Add(handler);

    /// <summary>The in-memory broker forgets a message once its handlers returned: nothing to defer.</summary>
    public IDisposable OnMessage(Action<MqttMessage, MqttDelivery> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return OnMessage(message => handler(message, MqttDelivery.Immediate));
    }

    public IDisposable OnConnectionStateChanged(Action<MqttConnectionStateChanged> handler) => stateHandlers.Add(handler);

    public Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        broker.Disconnect(this);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        broker.Dispose(this);
        deliveries.Writer.TryComplete();
        if (deliveryThreadId != Environment.CurrentManagedThreadId)
        {
            await deliveryLoop.ConfigureAwait(false);
        }
    }

    internal void EnsureAliveLocked() =>
        ObjectDisposedException.ThrowIf(dead, this);

    internal void SetStateLocked(MqttConnectionState newState, string? reason)
    {
        if (state == newState)
        {
            return;
        }

        state = newState;
        deliveries.Writer.TryWrite(new Delivery(null, new MqttConnectionStateChanged(newState, reason)));
    }

    internal void DeliverLocked(MqttMessage message)
    {
        Counters.MessageReceived();
        deliveries.Writer.TryWrite(new Delivery(message, null));
    }

    private static void EnsureQos(MqttQos qos)
    {
        if (qos is not (MqttQos.AtMostOnce or MqttQos.AtLeastOnce))
        {
            throw new MqttException($"Unsupported MQTT QoS {(int)qos}: use AtMostOnce (0) or AtLeastOnce (1).") { IsTransient = false };
        }
    }

    private async Task RunDeliveryLoopAsync()
    {
        var reader = deliveries.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            deliveryThreadId = Environment.CurrentManagedThreadId;
            while (reader.TryRead(out var delivery))
            {
                if (dead)
                {
                    // A crashed or disposed client processes nothing more, like a process that is gone.
                    continue;
                }

                if (delivery.Message is { } message)
                {
                    messageHandlers.Invoke(message);
                }
                else if (delivery.StateChange is { } change)
                {
                    stateHandlers.Invoke(change);
                }
            }

            deliveryThreadId = 0;
        }
    }

    /// <summary>One item for the delivery loop: a message or a state change.</summary>
    private readonly record struct Delivery(MqttMessage? Message, MqttConnectionStateChanged? StateChange);
}
