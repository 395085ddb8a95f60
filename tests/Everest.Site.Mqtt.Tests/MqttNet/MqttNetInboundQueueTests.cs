using System.Collections.Concurrent;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Mqtt.Tests.Support;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Mqtt.Tests.MqttNet;

/// <summary>
/// A flood faster than the handlers: MQTTnet reads whatever the broker sends, so the transport's own inbound queue is
/// what bounds the memory. A handler held on a gate stands for one slower than the flood, without any timing.
/// </summary>
public sealed class MqttNetInboundQueueTests : OwnedResources
{
    private const string Topic = "evse/flood";

    [Fact]
    public async Task Behind_a_slow_handler_the_oldest_qos_0_messages_are_dropped_and_counted_while_qos_1_ones_stay_and_everything_delivered_keeps_its_order()
    {
        const int Bound = 100;
        const int Flood = 2_000;
        var broker = Own(await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = false }));
        var subscriber = Own(new MqttNetTransport(MqttNetClients.For(broker, MqttNetClients.UniqueId("slow")) with { MaxWaitingMessages = Bound }));
        using var gate = new ManualResetEventSlim();
        var handled = new ConcurrentQueue<(int Number, MqttQos Qos)>();
        using var registration = subscriber.OnMessage(message =>
        {
            handled.Enqueue((int.Parse(message.Text(), System.Globalization.CultureInfo.InvariantCulture), message.Qos));
            gate.Wait(TestTimeouts.Condition);
        });
        await subscriber.SubscribeAsync(Topic, MqttQos.AtLeastOnce);
        await subscriber.ConnectAsync();
        var publisher = Own(new MqttNetTransport(MqttNetClients.For(broker, MqttNetClients.UniqueId("flood"))));
        await publisher.ConnectAsync();

        // The handler holds the first message until the flood has arrived; every hundredth of the flood is QoS 1
        // (19 of them, inside mosquitto's in-flight window of 20).
        await publisher.PublishAsync(new MqttMessage(Topic, Payloads.Utf8("0"), MqttQos.AtMostOnce));
        await Eventually.HoldsAsync(() => handled.Count == 1, "the first message held by the handler");
        static bool IsQos1(int number) => number > 0 && number % 100 == 0;
        var padding = new string(' ', 1_000);
        await Task.WhenAll(Enumerable.Range(1, Flood - 1).Select(i =>
            publisher.PublishAsync(new MqttMessage(Topic, Payloads.Utf8($"{i}{padding}"), IsQos1(i) ? MqttQos.AtLeastOnce : MqttQos.AtMostOnce))));
        await Eventually.HoldsAsync(() => subscriber.Statistics.MessagesReceived == Flood, "the whole flood received by the transport");

        var qos1 = Enumerable.Range(1, Flood - 1).Count(IsQos1);
        var whileHeld = subscriber.Statistics;
        Assert.Equal(Bound + qos1, whileHeld.MessagesWaiting);
        Assert.Equal(new MqttDroppedMessages(QueueFull: Flood - 1 - qos1 - Bound, ConnectionEnded: 0), whileHeld.MessagesDropped);

        gate.Set();
        await Eventually.HoldsAsync(() => handled.Count == 1 + Bound + qos1, "every waiting message handled");
        var newestQos0 = Enumerable.Range(1, Flood - 1).Where(i => !IsQos1(i)).TakeLast(Bound);
        int[] expected = [0, .. Enumerable.Range(1, Flood - 1).Where(IsQos1).Concat(newestQos0).Order()];
        Assert.Equal(expected, handled.Select(h => h.Number));
        Assert.All(handled, h => Assert.Equal(IsQos1(h.Number) ? MqttQos.AtLeastOnce : MqttQos.AtMostOnce, h.Qos));
        Assert.Equal(0, subscriber.Statistics.MessagesWaiting);
    }

    [Fact]
    public async Task Qos_1_messages_waiting_behind_a_slow_handler_are_not_acknowledged_so_a_crash_gets_them_all_again()
    {
        var broker = Own(await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = false }));
        var subscriberId = MqttNetClients.UniqueId("crash");
        var crashing = new MqttNetTransport(MqttNetClients.For(broker, subscriberId) with { MaxWaitingMessages = 5 });
        using var gate = new ManualResetEventSlim();
        var held = 0;
        try
        {
            using (crashing.OnMessage(_ =>
            {
                Interlocked.Increment(ref held);
                gate.Wait(TestTimeouts.Condition);
            }))
            {
                await crashing.SubscribeAsync(Topic, MqttQos.AtLeastOnce);
                await crashing.ConnectAsync();
                var publisher = Own(new MqttNetTransport(MqttNetClients.For(broker, MqttNetClients.UniqueId("pub"))));
                await publisher.ConnectAsync();
                await publisher.PublishAsync(new MqttMessage(Topic, Payloads.Utf8("held"), MqttQos.AtMostOnce));
                await Eventually.HoldsAsync(() => Volatile.Read(ref held) == 1, "the first message held by the handler");
                for (var i = 0; i < 200; i++)
                {
                    await publisher.PublishAsync(new MqttMessage(Topic, Payloads.Utf8($"{i}"), i % 20 == 0 ? MqttQos.AtLeastOnce : MqttQos.AtMostOnce));
                }

                await Eventually.HoldsAsync(() => crashing.Statistics.MessagesReceived == 201, "every message received by the transport");
                Assert.Equal(10 + 5, crashing.Statistics.MessagesWaiting);
                Assert.Equal(190 - 5, crashing.Statistics.MessagesDropped.QueueFull);
            }

            // A crash while they wait: no orderly DISCONNECT, the session keeps what was not acknowledged.
            await crashing.DisposeAsync();
        }
        finally
        {
            gate.Set();
        }

        var returned = Own(new MqttNetTransport(MqttNetClients.For(broker, subscriberId)));
        using var received = new MessageCollector(returned);
        await returned.ConnectAsync();
        string[] qos1 = ["0", "20", "40", "60", "80", "100", "120", "140", "160", "180"];
        Assert.Equal(qos1, (await received.WaitForMessagesAsync(10)).Select(m => m.Text()));
        Assert.Equal(1, Volatile.Read(ref held));
    }
}
