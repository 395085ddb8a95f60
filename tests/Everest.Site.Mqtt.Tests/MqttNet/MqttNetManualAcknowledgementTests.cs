using System.Collections.Concurrent;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Mqtt.Tests.Support;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Mqtt.Tests.MqttNet;

/// <summary>
/// Acknowledging after storing: a handler that defers the acknowledgement of a QoS 1 message keeps it at the broker
/// until every claim on it is acknowledged, so a client that dies first gets it again from its persistent session.
/// </summary>
public sealed class MqttNetManualAcknowledgementTests : OwnedResources
{
    [Fact]
    public async Task A_message_whose_claims_were_not_all_acknowledged_is_sent_again_to_the_returning_session_and_an_acknowledged_one_is_not()
    {
        var broker = Own(await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = false }));
        var subscriberId = MqttNetClients.UniqueId("store");
        var crashing = new MqttNetTransport(MqttNetClients.For(broker, subscriberId));
        var claims = new ConcurrentDictionary<string, (IMqttAcknowledgement First, IMqttAcknowledgement Second)>(StringComparer.Ordinal);
        using (crashing.OnMessage((message, delivery) => claims[message.Text()] = (delivery.Defer(), delivery.Defer())))
        {
            await crashing.SubscribeAsync("evse/session_event", MqttQos.AtLeastOnce);
            await crashing.ConnectAsync();

            var publisher = Own(new MqttNetTransport(MqttNetClients.For(broker, MqttNetClients.UniqueId("pub"))));
            await publisher.ConnectAsync();
            await publisher.PublishAsync(new MqttMessage("evse/session_event", Payloads.Utf8("stored"), MqttQos.AtLeastOnce));
            await publisher.PublishAsync(new MqttMessage("evse/session_event", Payloads.Utf8("half stored"), MqttQos.AtLeastOnce));
            await Eventually.HoldsAsync(() => claims.Count == 2, "both messages handed to the handler");

            claims["stored"].First.Acknowledge();
            claims["stored"].Second.Acknowledge();
            claims["half stored"].First.Acknowledge();

            // A QoS 1 round trip on the same connection: the broker has read our acknowledgement, written before it.
            await crashing.PublishAsync(new MqttMessage("elsewhere", Payloads.Utf8("fence"), MqttQos.AtLeastOnce));
        }

        // A crash: no orderly DISCONNECT, the unacknowledged message stays with the session.
        await crashing.DisposeAsync();

        var returned = Own(new MqttNetTransport(MqttNetClients.For(broker, subscriberId)));
        using var received = new MessageCollector(returned);
        await returned.ConnectAsync();
        var again = Assert.Single(await received.WaitForMessagesAsync(1));
        Assert.Equal("half stored", again.Text());

        // Nothing else follows: a later message arrives right after the redelivered one, and "stored" never does.
        var publisherAfter = Own(new MqttNetTransport(MqttNetClients.For(broker, MqttNetClients.UniqueId("pub2"))));
        await publisherAfter.ConnectAsync();
        await publisherAfter.PublishAsync(new MqttMessage("evse/session_event", Payloads.Utf8("later"), MqttQos.AtLeastOnce));
        Assert.Equal(["half stored", "later"], (await received.WaitForMessagesAsync(2)).Select(m => m.Text()));
    }

    [Fact]
    public async Task Without_a_claim_a_message_is_acknowledged_when_its_handlers_returned()
    {
        var broker = Own(await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = false }));
        var subscriberId = MqttNetClients.UniqueId("plain");
        var first = new MqttNetTransport(MqttNetClients.For(broker, subscriberId));
        var seen = new ConcurrentQueue<string>();
        using (first.OnMessage((message, delivery) => seen.Enqueue(message.Text())))
        {
            await first.SubscribeAsync("evse/powermeter", MqttQos.AtLeastOnce);
            await first.ConnectAsync();
            var publisher = Own(new MqttNetTransport(MqttNetClients.For(broker, MqttNetClients.UniqueId("pub"))));
            await publisher.ConnectAsync();
            await publisher.PublishAsync(new MqttMessage("evse/powermeter", Payloads.Utf8("1"), MqttQos.AtLeastOnce));
            await Eventually.HoldsAsync(() => seen.Count == 1, "the message handed to the handler");
            await first.PublishAsync(new MqttMessage("elsewhere", Payloads.Utf8("fence"), MqttQos.AtLeastOnce));
        }

        await first.DisposeAsync();
        var returned = Own(new MqttNetTransport(MqttNetClients.For(broker, subscriberId)));
        using var received = new MessageCollector(returned);
        await returned.ConnectAsync();
        var publisherAfter = Own(new MqttNetTransport(MqttNetClients.For(broker, MqttNetClients.UniqueId("pub2"))));
        await publisherAfter.ConnectAsync();
        await publisherAfter.PublishAsync(new MqttMessage("evse/powermeter", Payloads.Utf8("2"), MqttQos.AtLeastOnce));
        Assert.Equal(["2"], (await received.WaitForMessagesAsync(1)).Select(m => m.Text()));
        Assert.Equal(0, returned.Statistics.AcknowledgementsDropped);
    }

    [Fact]
    public async Task A_claim_acknowledged_after_its_connection_ended_is_dropped_and_counted()
    {
        var broker = Own(await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = false }));
        var client = Own(new MqttNetTransport(MqttNetClients.For(broker, MqttNetClients.UniqueId("late"))));
        IMqttAcknowledgement? claim = null;
        using var registration = client.OnMessage((message, delivery) => claim = delivery.Defer());
        using var states = new MessageCollector(client);
        await client.SubscribeAsync("evse/session_event", MqttQos.AtLeastOnce);
        await client.ConnectAsync();
        var publisher = Own(new MqttNetTransport(MqttNetClients.For(broker, MqttNetClients.UniqueId("pub"))));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(new MqttMessage("evse/session_event", Payloads.Utf8("x"), MqttQos.AtLeastOnce));
        await Eventually.HoldsAsync(() => claim is not null, "the message handed to the handler");

        await broker.RestartAsync();
        await states.WaitForStateCountAsync(MqttConnectionState.Connected, 1);
        await states.WaitForStateAsync(MqttConnectionState.Reconnecting);
        claim!.Acknowledge();
        claim.Acknowledge();

        Assert.Equal(1, client.Statistics.AcknowledgementsDropped);
    }
}
