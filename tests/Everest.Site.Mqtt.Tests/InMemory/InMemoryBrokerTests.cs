using Everest.Site.Mqtt.InMemory;
using Everest.Site.Mqtt.Tests.Support;

namespace Everest.Site.Mqtt.Tests.InMemory;

public sealed class InMemoryBrokerTests : IAsyncLifetime
{
    private static readonly AsyncLocal<string?> PublisherMarker = new();

    private readonly InMemoryBroker broker = new();
    private readonly List<IMqttTransport> clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Handlers_run_on_the_subscribers_delivery_loop_not_on_the_publishers_stack()
    {
        var (subscriber, _) = await ConnectAsync("sub");
        // Completed by this handler itself: the recorder's handler may run first, so waiting for it would race.
        var seenByHandler = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = subscriber.OnMessage(_ => seenByHandler.TrySetResult(PublisherMarker.Value));
        await subscriber.SubscribeAsync("t");
        var publisher = (await ConnectAsync("pub")).Client;

        PublisherMarker.Value = "publisher";
        await publisher.PublishAsync(new MqttMessage("t", Payloads.Utf8("x")));
        PublisherMarker.Value = null;

        Assert.Null(await seenByHandler.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Wildcards_in_the_first_level_do_not_match_dollar_topics()
    {
        var (subscriber, received) = await ConnectAsync("sub");
        await subscriber.SubscribeAsync("#");
        await subscriber.SubscribeAsync("+/status");

        broker.Publish(new MqttMessage("$internal/status", Payloads.Utf8("hidden")));
        broker.Publish(new MqttMessage("visible/status", Payloads.Utf8("visible")));

        var messages = await received.WaitForMessagesAsync(1);
        Assert.Equal(["visible"], messages.Select(m => m.Text()));
    }

    [Fact]
    public async Task A_persistent_session_receives_qos_1_messages_published_while_it_was_away_but_not_qos_0()
    {
        var (subscriber, _) = await ConnectAsync("sub");
        await subscriber.SubscribeAsync("cmd/#");
        await subscriber.DisconnectAsync();

        var publisher = (await ConnectAsync("pub")).Client;
        await publisher.PublishAsync(new MqttMessage("cmd/1", Payloads.Utf8("q1"), MqttQos.AtLeastOnce));
        await publisher.PublishAsync(new MqttMessage("cmd/2", Payloads.Utf8("q0"), MqttQos.AtMostOnce));
        Assert.Equal(1, broker.GetQueuedMessageCount("sub"));

        // A new client object with the same id: the process came back.
        var (returned, received) = await ConnectAsync("sub");
        await returned.SubscribeAsync("cmd/end");
        await publisher.PublishAsync(new MqttMessage("cmd/end", Payloads.Utf8("end"), MqttQos.AtLeastOnce));

        var messages = await received.WaitForMessagesAsync(m => m.Any(x => x.Text() == "end"), "end marker");
        Assert.Equal(["q1", "end"], messages.Select(m => m.Text()));
    }

    [Fact]
    public async Task A_clean_session_forgets_subscriptions_and_queues_nothing()
    {
        var subscriber = Track(broker.CreateClient("sub", new InMemoryClientOptions { CleanSession = true }));
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("cmd/#");
        await subscriber.DisconnectAsync();

        var publisher = (await ConnectAsync("pub")).Client;
        await publisher.PublishAsync(new MqttMessage("cmd/1", Payloads.Utf8("q1"), MqttQos.AtLeastOnce));

        Assert.Equal(0, broker.GetQueuedMessageCount("sub"));
    }

    [Fact]
    public async Task Offline_queue_is_bounded_and_counts_what_it_drops()
    {
        var smallBroker = new InMemoryBroker(maxQueuedMessages: 2);
        await using var subscriber = smallBroker.CreateClient("sub");
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("t");
        await subscriber.DisconnectAsync();

        for (var i = 0; i < 5; i++)
        {
            smallBroker.Publish(new MqttMessage("t", Payloads.Utf8($"{i}"), MqttQos.AtLeastOnce));
        }

        Assert.Equal(2, smallBroker.GetQueuedMessageCount("sub"));
        Assert.Equal(3, smallBroker.MessagesDropped);
    }

    [Fact]
    public async Task Dropping_a_connection_publishes_the_last_will_and_the_client_reconnects_with_its_subscriptions()
    {
        var (watcher, watched) = await ConnectAsync("watcher");
        await watcher.SubscribeAsync("status/#");
        var will = new MqttMessage("status/evse", Payloads.Utf8("offline"), MqttQos.AtLeastOnce, Retain: true);
        var evse = Track(broker.CreateClient("evse", new InMemoryClientOptions { LastWill = will }));
        using var evseEvents = new MessageCollector(evse);
        await evse.ConnectAsync();
        await evse.SubscribeAsync("cmd");

        Assert.True(broker.DropConnection("evse"));

        Assert.Equal("offline", (await watched.WaitForMessagesAsync(1)).Single().Text());
        Assert.Equal("offline", broker.GetRetained("status/evse")?.Text());
        await evseEvents.WaitForStateCountAsync(MqttConnectionState.Connected, 2);
        Assert.Contains(evseEvents.States, s => s.State == MqttConnectionState.Reconnecting);
        Assert.Equal(1, evse.Statistics.Reconnects);

        await watcher.PublishAsync(new MqttMessage("cmd", Payloads.Utf8("still subscribed")));
        Assert.Equal("still subscribed", (await evseEvents.WaitForMessagesAsync(1)).Single().Text());
    }

    [Fact]
    public async Task A_clean_disconnect_does_not_publish_the_last_will()
    {
        var (watcher, watched) = await ConnectAsync("watcher");
        await watcher.SubscribeAsync("status/#");
        var evse = Track(broker.CreateClient("evse", new InMemoryClientOptions { LastWill = new MqttMessage("status/evse", Payloads.Utf8("offline")) }));
        await evse.ConnectAsync();

        await evse.DisconnectAsync();
        broker.Publish(new MqttMessage("status/marker", Payloads.Utf8("marker")));

        Assert.Equal(["marker"], (await watched.WaitForMessagesAsync(1)).Select(m => m.Text()));
    }

    [Fact]
    public async Task Disposing_without_disconnect_and_crashing_both_publish_the_last_will()
    {
        var (watcher, watched) = await ConnectAsync("watcher");
        await watcher.SubscribeAsync("status/#");
        var disposed = broker.CreateClient("a", new InMemoryClientOptions { LastWill = new MqttMessage("status/a", Payloads.Utf8("a gone")) });
        var crashed = Track(broker.CreateClient("b", new InMemoryClientOptions { LastWill = new MqttMessage("status/b", Payloads.Utf8("b gone")) }));
        await disposed.ConnectAsync();
        await crashed.ConnectAsync();

        await disposed.DisposeAsync();
        broker.Crash("b");

        var messages = await watched.WaitForMessagesAsync(2);
        Assert.Equal(["a gone", "b gone"], messages.Select(m => m.Text()));
        Assert.Equal(MqttConnectionState.Disconnected, crashed.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => crashed.ConnectAsync());
    }

    [Fact]
    public async Task A_stopped_broker_refuses_connections_with_a_transient_error_and_clients_return_when_it_starts()
    {
        var (subscriber, received) = await ConnectAsync("sub");
        await subscriber.SubscribeAsync("t");
        broker.Stop();
        Assert.Equal(MqttConnectionState.Reconnecting, subscriber.State);

        var late = Track(broker.CreateClient("late"));
        var error = await Assert.ThrowsAsync<MqttException>(() => late.ConnectAsync());
        Assert.True(error.IsTransient);
        var publishError = await Assert.ThrowsAsync<MqttException>(() => subscriber.PublishAsync(new MqttMessage("t", Payloads.Utf8("x"))));
        Assert.True(publishError.IsTransient);

        broker.Start();

        Assert.Equal(MqttConnectionState.Connected, subscriber.State);
        Assert.Equal(MqttConnectionState.Connected, late.State);
        await late.PublishAsync(new MqttMessage("t", Payloads.Utf8("after restart")));
        Assert.Equal("after restart", (await received.WaitForMessagesAsync(1)).Single().Text());
    }

    [Fact]
    public async Task Restart_keeps_retained_messages_and_sessions_unless_told_to_forget_them()
    {
        broker.Publish(new MqttMessage("r", Payloads.Utf8("kept"), Retain: true));
        broker.Restart();
        Assert.Equal("kept", broker.GetRetained("r")?.Text());

        broker.Restart(keepState: false);
        Assert.Null(broker.GetRetained("r"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_isolated_client_stays_away_until_isolation_ends()
    {
        var (client, events) = await ConnectAsync("evse");
        broker.Isolate("evse");
        Assert.False(broker.IsConnected("evse"));
        await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync());

        broker.EndIsolation("evse");

        Assert.True(broker.IsConnected("evse"));
        await events.WaitForStateCountAsync(MqttConnectionState.Connected, 2);
    }

    [Fact]
    public async Task A_second_connection_with_the_same_client_id_takes_the_session_over()
    {
        var (first, firstEvents) = await ConnectAsync("dup");
        var (second, _) = await ConnectAsync("dup");

        await firstEvents.WaitForStateAsync(MqttConnectionState.Disconnected);
        Assert.Equal(MqttConnectionState.Disconnected, first.State);
        Assert.Equal(MqttConnectionState.Connected, second.State);
        Assert.Equal(["dup"], broker.ConnectedClientIds);
    }

    [Fact]
    public async Task Subscriptions_made_before_connecting_take_effect_on_connect()
    {
        var client = Track(broker.CreateClient("early"));
        using var received = new MessageCollector(client);
        await client.SubscribeAsync("t");
        await client.ConnectAsync();

        broker.Publish(new MqttMessage("t", Payloads.Utf8("x")));

        Assert.Single(await received.WaitForMessagesAsync(1));
    }

    [Fact]
    public async Task Statistics_count_messages_in_and_out_and_handler_errors()
    {
        var (client, received) = await ConnectAsync("stats");
        using var failing = client.OnMessage(_ => throw new InvalidOperationException("boom"));
        await client.SubscribeAsync("t");

        await client.PublishAsync(new MqttMessage("t", Payloads.Utf8("1")));
        await client.PublishAsync(new MqttMessage("t", Payloads.Utf8("2")));
        await received.WaitForMessagesAsync(2);

        var statistics = ((InMemoryMqttTransport)client).Statistics;
        Assert.Equal(2, statistics.MessagesPublished);
        Assert.Equal(2, statistics.MessagesReceived);
        Assert.Equal(2, statistics.HandlerErrors);
        Assert.Equal(0, statistics.Reconnects);
    }

    [Fact]
    public async Task The_publishers_buffer_may_be_reused_as_soon_as_publish_returns()
    {
        var (client, received) = await ConnectAsync("reuse");
        await client.SubscribeAsync("t");
        var buffer = Payloads.Utf8("original").ToArray();

        await client.PublishAsync(new MqttMessage("t", buffer));
        Array.Fill(buffer, (byte)'x');

        Assert.Equal("original", (await received.WaitForMessagesAsync(1)).Single().Text());
    }

    private InMemoryMqttTransport Track(InMemoryMqttTransport client)
    {
        clients.Add(client);
        return client;
    }

    private async Task<(InMemoryMqttTransport Client, MessageCollector Received)> ConnectAsync(string clientId)
    {
        var client = Track(broker.CreateClient(clientId));
        var collector = new MessageCollector(client);
        await client.ConnectAsync();
        return (client, collector);
    }
}
