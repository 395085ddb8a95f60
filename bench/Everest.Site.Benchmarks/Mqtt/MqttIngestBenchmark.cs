using System.Diagnostics;
using System.Globalization;
using Everest.Site.Benchmarks.Common;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Benchmarks.Mqtt;

/// <summary>
/// MQTT ingest through a real mosquitto on loopback: messages per second received by the product's
/// <see cref="MqttNetTransport"/> (256 KiB socket buffers, persistent MQTT 5 session) beside mosquitto's own C
/// subscriber <c>mosquitto_sub</c> on the same stream, ~100-byte JSON payloads published by <c>mosquitto_pub -l</c>,
/// at QoS 0 and QoS 1, two ways: <b>live</b> (subscribed, then the stream is published; timed from the first publish
/// to the last message received) and <b>backlog</b> (the stream is queued by the broker for a persistent session
/// while its subscriber is away; timed from reconnecting to the last message received). For MQTTnet the longest
/// silence between two messages is kept too: a stall shows there. Runs alternate between the two subscribers.
/// Run with <c>-- mqtt-ingest [--messages N] [--runs N]</c>.
/// </summary>
internal static class MqttIngestBenchmark
{
    public const string Command = "mqtt-ingest";

    private const string ReadyTopic = "bench/ready";

    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        var messages = Fleet.FleetRecoveryBenchmark.IntOption(args, "--messages", 50_000);
        var runs = Fleet.FleetRecoveryBenchmark.IntOption(args, "--runs", 5);
        var lines = BenchPayload.Lines(messages);

        // No limit on queued messages, and QoS 0 queued for offline persistent sessions too (as docker-compose's broker does).
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions
        {
            Persistence = false,
            MaxQueuedMessages = 0,
            ExtraConfigLines = ["queue_qos0_messages true"],
        });
        var clients = new MosquittoClients(broker);
        await clients.PublishAsync(ReadyTopic, 1, "ready\n"u8.ToArray());
        await using (var retain = new MqttNetTransport(Options(broker, "bench-ready", cleanSession: true)))
        {
            await retain.ConnectAsync();
            await retain.PublishAsync(new MqttMessage(ReadyTopic, "ready"u8.ToArray(), MqttQos.AtLeastOnce, Retain: true));
        }

        var table = new List<string>();
        foreach (var qos in new[] { MqttQos.AtMostOnce, MqttQos.AtLeastOnce })
        {
            var q = (int)qos;
            var liveC = new List<double>();
            var liveNet = new List<double>();
            var liveGaps = new List<double>();
            var arrivals = new ArrivalRecorder();
            await using (var live = new MqttNetTransport(Options(broker, $"bench-live-{q}", cleanSession: true)))
            {
                live.OnMessage(_ => arrivals.OnMessage());
                await live.ConnectAsync();
                await live.SubscribeAsync($"bench/live/{q}/mqttnet", qos);
                for (var run = 0; run < runs; run++)
                {
                    var subscriber = await clients.SubscribeLiveAsync($"bench/live/{q}/c", ReadyTopic, q, messages);
                    var stopwatch = Stopwatch.StartNew();
                    await clients.PublishAsync($"bench/live/{q}/c", q, lines);
                    await subscriber;
                    liveC.Add(messages / stopwatch.Elapsed.TotalSeconds);

                    var all = arrivals.Expect(messages);
                    stopwatch.Restart();
                    await clients.PublishAsync($"bench/live/{q}/mqttnet", q, lines);
                    await all.WaitAsync(TimeSpan.FromMinutes(2));
                    liveNet.Add(messages / stopwatch.Elapsed.TotalSeconds);
                    liveGaps.Add(arrivals.LongestGap.TotalMilliseconds);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  QoS {q} live run {run + 1}: mosquitto_sub {liveC[^1]:N0} msg/s, MqttNetTransport {liveNet[^1]:N0} msg/s (longest gap {liveGaps[^1]:N0} ms)"));
                }
            }

            var backlogC = new List<double>();
            var backlogNet = new List<double>();
            var backlogGaps = new List<double>();
            var cSession = $"bench-backlog-c-{q}";
            var backlogTopicC = $"bench/backlog/{q}/c";
            var backlogTopicNet = $"bench/backlog/{q}/mqttnet";
            await clients.CreateSessionAsync(cSession, backlogTopicC, q);
            await using (var away = new MqttNetTransport(Options(broker, $"bench-backlog-{q}", cleanSession: false)))
            {
                away.OnMessage(_ => arrivals.OnMessage());
                await away.ConnectAsync();
                await away.SubscribeAsync(backlogTopicNet, qos);
                await away.DisconnectAsync();
                for (var run = 0; run < runs; run++)
                {
                    await clients.PublishAsync(backlogTopicC, q, lines);
                    var stopwatch = Stopwatch.StartNew();
                    await clients.DrainSessionAsync(cSession, backlogTopicC, q, messages);
                    backlogC.Add(messages / stopwatch.Elapsed.TotalSeconds);

                    await clients.PublishAsync(backlogTopicNet, q, lines);
                    var all = arrivals.Expect(messages);
                    stopwatch.Restart();
                    await away.ConnectAsync();
                    await all.WaitAsync(TimeSpan.FromMinutes(2));
                    backlogNet.Add(messages / stopwatch.Elapsed.TotalSeconds);
                    backlogGaps.Add(arrivals.LongestGap.TotalMilliseconds);
                    await away.DisconnectAsync();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  QoS {q} backlog run {run + 1}: mosquitto_sub {backlogC[^1]:N0} msg/s, MqttNetTransport {backlogNet[^1]:N0} msg/s (longest gap {backlogGaps[^1]:N0} ms)"));
                }
            }

            table.Add(Row($"{q}, live", liveC, liveNet, liveGaps));
            table.Add(Row($"{q}, backlog of {messages:N0}", backlogC, backlogNet, backlogGaps));
        }

        Console.WriteLine();
        Console.WriteLine($"MQTT ingest, {messages:N0} messages of {BenchPayload.Json.Length} bytes per run, median (min–max) of {runs} runs, messages/s:");
        Console.WriteLine("| QoS, stream | mosquitto_sub (baseline) | MqttNetTransport | ratio of medians | MqttNetTransport's longest gap |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in table)
        {
            Console.WriteLine(row);
        }
    }

    private static string Row(string name, List<double> baseline, List<double> ours, List<double> gaps) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {Trials.Summary(baseline)} | {Trials.Summary(ours)} | {Trials.Median(ours) / Trials.Median(baseline):N2}× | {Trials.Summary(gaps)} ms |");

    private static MqttNetTransportOptions Options(MosquittoBroker broker, string clientId, bool cleanSession) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        ClientId = clientId,
        CleanSession = cleanSession,
        SessionExpiry = cleanSession ? null : TimeSpan.FromHours(1),
    };
}
