using System.Buffers.Binary;
using Everest.Site.Mqtt.Tests.Support;

namespace Everest.Site.Mqtt.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IMqttTransport"/> must show, whatever broker is behind it. Each
/// implementation runs this same suite; each test uses its own topic prefix and client ids, so tests may
/// share one broker.
/// </summary>
public abstract class TransportContractTests : IAsyncLifetime
{
    private readonly List<IMqttTransport> clients = [];
    private ITransportUnderTest? target;

    /// <summary>A topic prefix no other test uses.</summary>
    protected string Prefix { get; } = $"contract/{Guid.NewGuid():N}";

    public async Task InitializeAsync() => target = await CreateTargetAsync();

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        if (target is not null)
        {
            await target.DisposeAsync();
        }
    }

    [Fact]
    public async Task Published_message_reaches_a_subscriber_with_topic_and_payload_intact()
    {
        var (subscriber, received) = await ConnectWithCollectorAsync("sub");
        var publisher = await ConnectAsync("pub");
        await subscriber.SubscribeAsync($"{Prefix}/hello");

        await publisher.PublishAsync(new MqttMessage($"{Prefix}/hello", Payloads.Utf8("{\"a\":1}"), MqttQos.AtLeastOnce));

        var message = Assert.Single(await received.WaitForMessagesAsync(1));
        Assert.Equal($"{Prefix}/hello", message.Topic);
        Assert.Equal("{\"a\":1}", message.Text());
        Assert.Equal(MqttQos.AtLeastOnce, message.Qos);
        Assert.False(message.Retain);
    }

    [Fact]
    public async Task Plus_wildcard_matches_exactly_one_level()
    {
        var (subscriber, received) = await ConnectWithCollectorAsync("sub");
        var publisher = await ConnectAsync("pub");
        await subscriber.SubscribeAsync($"{Prefix}/+/state");

        foreach (var topic in new[] { "evse1/state", "evse1/x/state", "state", "evse2/state/x", "evse2/state", "end" })
        {
            await publisher.PublishAsync(new MqttMessage($"{Prefix}/{topic}", Payloads.Utf8(topic), MqttQos.AtLeastOnce));
        }

        await subscriber.SubscribeAsync($"{Prefix}/end");
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/end", Payloads.Utf8("end"), MqttQos.AtLeastOnce));

        var messages = await received.WaitForMessagesAsync(m => m.Any(x => x.Text() == "end"), "the end marker");
        Assert.Equal(["evse1/state", "evse2/state", "end"], messages.Select(m => m.Text()));
    }

    [Fact]
    public async Task Hash_wildcard_matches_the_parent_level_and_everything_below()
    {
        var (subscriber, received) = await ConnectWithCollectorAsync("sub");
        var publisher = await ConnectAsync("pub");
        await subscriber.SubscribeAsync($"{Prefix}/site/#");
        await subscriber.SubscribeAsync($"{Prefix}/end");

        foreach (var topic in new[] { "site", "site/a", "site/a/b/c", "other/a", "sitex/a", "end" })
        {
            await publisher.PublishAsync(new MqttMessage($"{Prefix}/{topic}", Payloads.Utf8(topic), MqttQos.AtLeastOnce));
        }

        var messages = await received.WaitForMessagesAsync(m => m.Any(x => x.Text() == "end"), "the end marker");
        Assert.Equal(["site", "site/a", "site/a/b/c", "end"], messages.Select(m => m.Text()));
    }

    [Fact]
    public async Task Retained_message_is_delivered_on_subscribe_replaced_by_the_next_and_cleared_by_an_empty_payload()
    {
        var publisher = await ConnectAsync("pub");
        var topic = $"{Prefix}/status";
        await publisher.PublishAsync(new MqttMessage(topic, Payloads.Utf8("first"), MqttQos.AtLeastOnce, Retain: true));
        await publisher.PublishAsync(new MqttMessage(topic, Payloads.Utf8("second"), MqttQos.AtLeastOnce, Retain: true));

        var (late, lateReceived) = await ConnectWithCollectorAsync("late");
        await late.SubscribeAsync(topic);
        var retained = Assert.Single(await lateReceived.WaitForMessagesAsync(1));
        Assert.Equal("second", retained.Text());
        Assert.True(retained.Retain);

        await publisher.PublishAsync(new MqttMessage(topic, ReadOnlyMemory<byte>.Empty, MqttQos.AtLeastOnce, Retain: true));
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/end", Payloads.Utf8("end"), MqttQos.AtLeastOnce, Retain: true));

        var (later, laterReceived) = await ConnectWithCollectorAsync("later");
        await later.SubscribeAsync($"{Prefix}/#");
        var messages = await laterReceived.WaitForMessagesAsync(m => m.Any(x => x.Text() == "end"), "the retained end marker");
        Assert.DoesNotContain(messages, m => m.Topic == topic);

        // Leave nothing retained behind on a shared broker.
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/end", ReadOnlyMemory<byte>.Empty, MqttQos.AtLeastOnce, Retain: true));
    }

    [Fact]
    public async Task Unsubscribe_stops_delivery_of_that_filter_only()
    {
        var (subscriber, received) = await ConnectWithCollectorAsync("sub");
        var publisher = await ConnectAsync("pub");
        await subscriber.SubscribeAsync($"{Prefix}/a");
        await subscriber.SubscribeAsync($"{Prefix}/b");

        await publisher.PublishAsync(new MqttMessage($"{Prefix}/a", Payloads.Utf8("a1"), MqttQos.AtLeastOnce));
        await received.WaitForMessagesAsync(1);
        await subscriber.UnsubscribeAsync($"{Prefix}/a");
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/a", Payloads.Utf8("a2"), MqttQos.AtLeastOnce));
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/b", Payloads.Utf8("b1"), MqttQos.AtLeastOnce));

        var messages = await received.WaitForMessagesAsync(m => m.Any(x => x.Text() == "b1"), "b1");
        Assert.Equal(["a1", "b1"], messages.Select(m => m.Text()));
    }

    [Fact]
    public async Task Qos_0_and_qos_1_messages_are_delivered_at_the_lower_of_publish_and_subscription_qos()
    {
        var (subscriber, received) = await ConnectWithCollectorAsync("sub");
        var publisher = await ConnectAsync("pub");
        await subscriber.SubscribeAsync($"{Prefix}/q1", MqttQos.AtLeastOnce);
        await subscriber.SubscribeAsync($"{Prefix}/q0", MqttQos.AtMostOnce);

        await publisher.PublishAsync(new MqttMessage($"{Prefix}/q1", Payloads.Utf8("1-1"), MqttQos.AtLeastOnce));
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/q1", Payloads.Utf8("1-0"), MqttQos.AtMostOnce));
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/q0", Payloads.Utf8("0-1"), MqttQos.AtLeastOnce));

        var messages = await received.WaitForMessagesAsync(3);
        Assert.Equal(MqttQos.AtLeastOnce, messages.Single(m => m.Text() == "1-1").Qos);
        Assert.Equal(MqttQos.AtMostOnce, messages.Single(m => m.Text() == "1-0").Qos);
        Assert.Equal(MqttQos.AtMostOnce, messages.Single(m => m.Text() == "0-1").Qos);
    }

    [Fact]
    public async Task Messages_from_one_publisher_arrive_in_publish_order()
    {
        const int count = 2_000;
        var (subscriber, received) = await ConnectWithCollectorAsync("sub");
        var publisher = await ConnectAsync("pub");
        await subscriber.SubscribeAsync($"{Prefix}/seq");

        // Many QoS 1 publishes in flight at once: order must still hold.
        var publishes = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            publishes.Add(publisher.PublishAsync(new MqttMessage($"{Prefix}/seq", payload, MqttQos.AtLeastOnce)));
        }

        await Task.WhenAll(publishes);
        var messages = await received.WaitForMessagesAsync(count);
        Assert.Equal(count, messages.Count);
        Assert.Equal(Enumerable.Range(0, count), messages.Select(m => BinaryPrimitives.ReadInt32BigEndian(m.Payload.Span)));
    }

    [Fact]
    public async Task Many_messages_on_many_topics_all_arrive_at_every_subscriber()
    {
        const int topics = 50;
        const int perTopic = 40;
        var (first, firstReceived) = await ConnectWithCollectorAsync("sub1");
        var (second, secondReceived) = await ConnectWithCollectorAsync("sub2");
        var publisher = await ConnectAsync("pub");
        await first.SubscribeAsync($"{Prefix}/evse/+/power");
        await second.SubscribeAsync($"{Prefix}/#");

        for (var round = 0; round < perTopic; round++)
        {
            for (var t = 0; t < topics; t++)
            {
                await publisher.PublishAsync(new MqttMessage($"{Prefix}/evse/{t}/power", Payloads.Utf8($"{{\"w\":{round}}}"), MqttQos.AtLeastOnce));
            }
        }

        Assert.Equal(topics * perTopic, (await firstReceived.WaitForMessagesAsync(topics * perTopic)).Count);
        var all = await secondReceived.WaitForMessagesAsync(topics * perTopic);
        Assert.Equal(topics, all.Select(m => m.Topic).Distinct().Count());
    }

    [Fact]
    public async Task Ten_megabytes_of_random_payloads_arrive_byte_for_byte()
    {
        const int count = 10;
        const int size = 1024 * 1024;
        var (subscriber, received) = await ConnectWithCollectorAsync("sub");
        var publisher = await ConnectAsync("pub");
        await subscriber.SubscribeAsync($"{Prefix}/blob/+");

        var random = new Random(20261122);
        var sent = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[size];
            random.NextBytes(payload);
            sent.Add(payload);
            await publisher.PublishAsync(new MqttMessage($"{Prefix}/blob/{i}", payload, MqttQos.AtLeastOnce));
        }

        var messages = await received.WaitForMessagesAsync(count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"{Prefix}/blob/{i}", messages[i].Topic);
            Assert.True(sent[i].AsSpan().SequenceEqual(messages[i].Payload.Span), $"payload {i} differs from what was sent");
        }
    }

    [Fact]
    public async Task A_throwing_handler_neither_stops_other_handlers_nor_later_messages()
    {
        var subscriber = await ConnectAsync("sub");
        using var throwing = subscriber.OnMessage(_ => throw new InvalidOperationException("handler bug"));
        using var received = new MessageCollector(subscriber);
        var publisher = await ConnectAsync("pub");
        await subscriber.SubscribeAsync($"{Prefix}/x");

        await publisher.PublishAsync(new MqttMessage($"{Prefix}/x", Payloads.Utf8("1"), MqttQos.AtLeastOnce));
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/x", Payloads.Utf8("2"), MqttQos.AtLeastOnce));

        Assert.Equal(["1", "2"], (await received.WaitForMessagesAsync(2)).Select(m => m.Text()));
    }

    [Fact]
    public async Task A_disposed_handler_registration_receives_nothing_more()
    {
        var subscriber = await ConnectAsync("sub");
        var removedCalls = 0;
        var registration = subscriber.OnMessage(_ => Interlocked.Increment(ref removedCalls));
        using var received = new MessageCollector(subscriber);
        var publisher = await ConnectAsync("pub");
        await subscriber.SubscribeAsync($"{Prefix}/x");
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/x", Payloads.Utf8("1"), MqttQos.AtLeastOnce));
        await received.WaitForMessagesAsync(1);

        registration.Dispose();
        await publisher.PublishAsync(new MqttMessage($"{Prefix}/x", Payloads.Utf8("2"), MqttQos.AtLeastOnce));
        await received.WaitForMessagesAsync(2);

        Assert.Equal(1, Volatile.Read(ref removedCalls));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/+/b")]
    [InlineData("a/#")]
    public async Task Publishing_to_an_invalid_topic_fails_with_a_permanent_error(string topic)
    {
        var publisher = await ConnectAsync("pub");
        var error = await Assert.ThrowsAsync<MqttException>(() => publisher.PublishAsync(new MqttMessage(topic, Payloads.Utf8("x"))));
        Assert.False(error.IsTransient);
        Assert.Contains("topic", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/#/b")]
    [InlineData("a/b+")]
    [InlineData("a#")]
    public async Task Subscribing_to_an_invalid_filter_fails_with_a_permanent_error(string filter)
    {
        var subscriber = await ConnectAsync("sub");
        var error = await Assert.ThrowsAsync<MqttException>(() => subscriber.SubscribeAsync(filter));
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Disconnect_reports_the_disconnected_state()
    {
        var (client, received) = await ConnectWithCollectorAsync("client");
        await received.WaitForStateAsync(MqttConnectionState.Connected);

        await client.DisconnectAsync();

        await received.WaitForStateAsync(MqttConnectionState.Disconnected);
        Assert.Equal(MqttConnectionState.Disconnected, client.State);
    }

    protected abstract Task<ITransportUnderTest> CreateTargetAsync();

    protected IMqttTransport CreateClient(string name)
    {
        var client = target!.CreateClient($"{name}-{Guid.NewGuid():N}"[..23]);
        clients.Add(client);
        return client;
    }

    protected async Task<IMqttTransport> ConnectAsync(string name)
    {
        var client = CreateClient(name);
        await client.ConnectAsync();
        return client;
    }

    protected async Task<(IMqttTransport Client, MessageCollector Received)> ConnectWithCollectorAsync(string name)
    {
        var client = CreateClient(name);
        var collector = new MessageCollector(client);
        await client.ConnectAsync();
        return (client, collector);
    }
}
