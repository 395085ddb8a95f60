namespace Everest.Site.Mqtt;

/// <summary>
/// A connection to an MQTT broker: the only way the controller and the simulator talk to EVerest.
/// Implementations (MQTTnet, and the tests' in-memory broker) are thread-safe; every member may be called from
/// any thread. Subscriptions survive reconnects: the transport subscribes again by itself, before any message of
/// the new connection reaches a handler.
/// </summary>
public interface IMqttTransport : IAsyncDisposable
{
    /// <summary>The current connection state.</summary>
    MqttConnectionState State { get; }

    /// <summary>Connects (or fails with a clear <see cref="MqttException"/>, e.g. on bad credentials).</summary>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>Subscribes to a topic filter (MQTT wildcards <c>+</c> and <c>#</c> allowed).</summary>
    Task SubscribeAsync(string topicFilter, MqttQos qos = MqttQos.AtLeastOnce, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription.</summary>
    Task UnsubscribeAsync(string topicFilter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes a message. For QoS 0 it completes once the message is handed to the client library;
    /// for QoS 1 once the broker acknowledged it. Needs a connection: otherwise, or when the connection is lost
    /// before the broker acknowledged, it fails with a transient <see cref="MqttException"/>.
    /// </summary>
    Task PublishAsync(MqttMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers a handler for every incoming message of every subscription. Handlers run on the
    /// transport's single delivery task, one message at a time in arrival order, and a QoS 1 message is
    /// acknowledged to the broker only after its handlers returned: they must be quick and must not block
    /// (hand the message to an actor or a channel). A handler that throws is logged and counted; delivery
    /// goes on. Dispose the result to remove the handler.
    /// </summary>
    IDisposable OnMessage(Action<MqttMessage> handler);

    /// <summary>
    /// Like <see cref="OnMessage(Action{MqttMessage})"/>, and the handler may hold the broker's acknowledgement of
    /// a QoS 1 message back until what the message caused is stored (<see cref="MqttDelivery.Defer"/>), so that a
    /// process killed in between gets the message again from its persistent session. A transport without manual
    /// acknowledgement passes <see cref="MqttDelivery.Immediate"/>.
    /// </summary>
    /// <remarks>
    /// Deliberately without a default implementation: a transport that wraps another (one that counts, one that
    /// logs) must hand the inner transport's delivery through. A default that passed
    /// <see cref="MqttDelivery.Immediate"/> let such a wrapper acknowledge every session event to the broker before
    /// it was stored, and a SIGKILL then lost it.
    /// </remarks>
    IDisposable OnMessage(Action<MqttMessage, MqttDelivery> handler);

    /// <summary>
    /// Registers a handler for connection state changes. State handlers never run at the same time as a message
    /// handler; <see cref="MqttConnectionState.Connected"/> is reported before the first message of that connection.
    /// </summary>
    IDisposable OnConnectionStateChanged(Action<MqttConnectionStateChanged> handler);

    /// <summary>Disconnects cleanly (the broker does not publish the last will).</summary>
    Task DisconnectAsync(CancellationToken cancellationToken = default);
}
