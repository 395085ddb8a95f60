using BenchmarkDotNet.Attributes;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Benchmarks.Mqtt;

/// <summary>
/// Messages per second from one publisher to one subscriber with ~100-byte JSON payloads (Op/s = messages/s):
/// mosquitto's C command-line clients (baseline) and our MQTTnet transport through the same mosquitto on
/// loopback, and the in-memory broker. An invocation ends when the subscriber has every message.
/// Run: <c>dotnet run -c Release --project bench/Everest.Site.Benchmarks -- --filter '*MqttPubSub*'</c>.
/// </summary>
[Config(typeof(MqttBenchmarkConfig))]
public class MqttPubSubBenchmarks
{
    /// <summary>Messages per invocation: enough that starting the C clients' processes is a small part of their time.</summary>
    public const int Messages = 50_000;

    private const string ReadyTopic = "bench/ready";

    private readonly ReceiveCounter mosquittoReceived = new();
    private readonly ReceiveCounter inMemoryReceived = new();
    private readonly byte[] lines = BenchPayload.Lines(Messages);

    private MosquittoBroker? broker;
    private MosquittoCommandLineClients? commandLineClients;
    private MqttNetTransport? publisher;
    private MqttNetTransport? subscriber;
    private InMemoryMqttTransport? inMemoryPublisher;
    private InMemoryMqttTransport? inMemorySubscriber;

    [Params(MqttQos.AtMostOnce, MqttQos.AtLeastOnce)]
    public MqttQos Qos { get; set; }

    // BenchmarkDotNet's in-process validation does not await asynchronous setup, so setup blocks here
    // (once, outside any measurement).
    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => CleanUpAsync().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        // No limit on queued messages: a QoS 1 burst must not be cut by the broker's per-client queue.
        broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = false, MaxQueuedMessages = 0 });
        commandLineClients = new MosquittoCommandLineClients(broker);

        publisher = new MqttNetTransport(new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = "bench-pub", CleanSession = true });
        subscriber = new MqttNetTransport(new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = "bench-sub", CleanSession = true });
        subscriber.OnMessage(_ => mosquittoReceived.OnMessage());
        await publisher.ConnectAsync();
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync($"{BenchPayload.Topic}/ours", Qos);

        // The C subscriber's "I am subscribed" signal: it receives this retained message first.
        await publisher.PublishAsync(new MqttMessage(ReadyTopic, "ready"u8.ToArray(), MqttQos.AtLeastOnce, Retain: true));

        var inMemoryBroker = new InMemoryBroker();
        inMemoryPublisher = inMemoryBroker.CreateClient("bench-pub");
        inMemorySubscriber = inMemoryBroker.CreateClient("bench-sub");
        inMemorySubscriber.OnMessage(_ => inMemoryReceived.OnMessage());
        await inMemoryPublisher.ConnectAsync();
        await inMemorySubscriber.ConnectAsync();
        await inMemorySubscriber.SubscribeAsync(BenchPayload.Topic, Qos);
    }

    private async Task CleanUpAsync()
    {
        foreach (var transport in new IMqttTransport?[] { publisher, subscriber, inMemoryPublisher, inMemorySubscriber })
        {
            if (transport is not null)
            {
                await transport.DisposeAsync();
            }
        }

        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "mosquitto_pub -l → mosquitto_sub -C (C clients)")]
    public Task MosquittoCommandLineClients() =>
        commandLineClients!.PublishAndReceiveAsync($"{BenchPayload.Topic}/c", ReadyTopic, (int)Qos, Messages, lines);

    [Benchmark(OperationsPerInvoke = Messages, Description = "MqttNetTransport → MqttNetTransport (MQTTnet)")]
    public async Task MqttNetClient()
    {
        var allReceived = mosquittoReceived.Expect(Messages);
        var message = new MqttMessage($"{BenchPayload.Topic}/ours", BenchPayload.Json, Qos);
        if (Qos == MqttQos.AtMostOnce)
        {
            for (var i = 0; i < Messages; i++)
            {
                await publisher!.PublishAsync(message);
            }
        }
        else
        {
            // QoS 1: keep publishing while acknowledgements arrive; the library limits what is in flight.
            var acknowledgements = new Task[Messages];
            for (var i = 0; i < Messages; i++)
            {
                acknowledgements[i] = publisher!.PublishAsync(message);
            }

            await Task.WhenAll(acknowledgements);
        }

        await allReceived;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "InMemoryMqttTransport → InMemoryMqttTransport (in-memory broker)")]
    public async Task InMemoryBroker()
    {
        var allReceived = inMemoryReceived.Expect(Messages);
        var message = new MqttMessage(BenchPayload.Topic, BenchPayload.Json, Qos);
        for (var i = 0; i < Messages; i++)
        {
            await inMemoryPublisher!.PublishAsync(message);
        }

        await allReceived;
    }
}
