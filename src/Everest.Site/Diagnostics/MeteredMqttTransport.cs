using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;

namespace Everest.Site.Diagnostics;

/// <summary>
/// The controller's view of its MQTT transport: everything goes to the transport underneath, and every message
/// received and published is counted in <see cref="SiteMetrics"/>, and an MQTTnet client's dropped and waiting
/// messages are reported there too. The transport underneath belongs to whoever made
/// it: disposing this view leaves it alone.
/// </summary>
internal sealed class MeteredMqttTransport : IMqttTransport
{
    private readonly IMqttTransport _inner;
    private readonly SiteMetrics _metrics;
    private readonly IDisposable _counting;

    public MeteredMqttTransport(IMqttTransport inner, SiteMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(metrics);
        _inner = inner;
        _metrics = metrics;
        _counting = inner.OnMessage(message => metrics.MessageReceived(message.Topic));
        if (inner is MqttNetTransport client)
        {
            // Messages the client dropped never reach a handler, so only its own counters know them.
            metrics.ObserveTransport(() => client.Statistics);
        }
    }

    public MqttConnectionState State => _inner.State;

    public Task ConnectAsync(CancellationToken cancellationToken = default) => _inner.ConnectAsync(cancellationToken);

    public Task SubscribeAsync(string topicFilter, MqttQos qos = MqttQos.AtLeastOnce, CancellationToken cancellationToken = default) =>
        _inner.SubscribeAsync(topicFilter, qos, cancellationToken);

    public Task UnsubscribeAsync(string topicFilter, CancellationToken cancellationToken = default) =>
        _inner.UnsubscribeAsync(topicFilter, cancellationToken);

    public async Task PublishAsync(MqttMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _inner.PublishAsync(message, cancellationToken).ConfigureAwait(false);

        // Counted once the transport took it: a publish that failed was not sent.
        _metrics.MessagePublished(message.Topic);
    }

    public IDisposable OnMessage(Action<MqttMessage> handler) => _inner.OnMessage(handler);

    /// <summary>
    /// Hands the transport's own delivery through, so that a handler deferring the broker's acknowledgement (the
    /// EVSE router, for session events) really holds it back until what the message caused is stored.
    /// </summary>
    public IDisposable OnMessage(Action<MqttMessage, MqttDelivery> handler) => _inner.OnMessage(handler);

    public IDisposable OnConnectionStateChanged(Action<MqttConnectionStateChanged> handler) => _inner.OnConnectionStateChanged(handler);

    public Task DisconnectAsync(CancellationToken cancellationToken = default) => _inner.DisconnectAsync(cancellationToken);

    /// <summary>Stops counting; the transport underneath is disposed by its owner.</summary>
    public ValueTask DisposeAsync()
    {
        _counting.Dispose();
        return ValueTask.CompletedTask;
    }
}
