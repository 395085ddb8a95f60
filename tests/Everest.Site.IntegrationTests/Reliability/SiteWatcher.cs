using System.Threading.Channels;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>
/// A client of its own on the site's broker, for faults that publish (an attacker, a replaying device) or listen
/// (what EVerest published, what the controller wrote where it must not). Everything it receives is kept in order.
/// </summary>
internal sealed class SiteWatcher : IAsyncDisposable
{
    private readonly MqttNetTransport _transport;
    private readonly Channel<MqttMessage> _received = Channel.CreateUnbounded<MqttMessage>();
    private readonly IDisposable _handler;

    private SiteWatcher(MqttNetTransport transport)
    {
        _transport = transport;
        _handler = transport.OnMessage(message => _received.Writer.TryWrite(message));
    }

    /// <summary>Messages received so far and not yet read.</summary>
    public ChannelReader<MqttMessage> Received => _received.Reader;

    public static async Task<SiteWatcher> ConnectAsync(MosquittoBroker broker, string clientId, params string[] topicFilters)
    {
        var transport = new MqttNetTransport(new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = clientId, CleanSession = true });
        var watcher = new SiteWatcher(transport);
        await transport.ConnectAsync();
        foreach (var filter in topicFilters)
        {
            await transport.SubscribeAsync(filter);
        }

        return watcher;
    }

    public Task PublishAsync(MqttMessage message) => _transport.PublishAsync(message);

    /// <summary>Every message received so far, in order, and not yet read.</summary>
    public List<MqttMessage> Drain()
    {
        var messages = new List<MqttMessage>();
        while (_received.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        await _transport.DisconnectAsync();
        await _transport.DisposeAsync();
    }
}
