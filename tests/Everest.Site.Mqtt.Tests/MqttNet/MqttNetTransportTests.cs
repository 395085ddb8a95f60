using System.Buffers.Binary;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Mqtt.Tests.Support;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Mqtt.Tests.MqttNet;

/// <summary>What only a real broker can show: restarts, persistence, authentication, last wills over TCP.</summary>
public sealed class MqttNetTransportTests : OwnedResources
{
    [Fact]
    public async Task A_qos_1_message_for_an_offline_persistent_session_survives_a_broker_restart()
    {
        var broker = await StartBrokerAsync();
        var subscriberId = MqttNetClients.UniqueId("sub");
        var subscriber = Client(broker, subscriberId);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("site/cmd", MqttQos.AtLeastOnce);
        await subscriber.DisconnectAsync();

        var publisher = Client(broker, MqttNetClients.UniqueId("pub"));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(new MqttMessage("site/cmd", Payloads.Utf8("while away"), MqttQos.AtLeastOnce));
        await publisher.DisconnectAsync();

        await broker.RestartAsync();

        var returned = Client(broker, subscriberId);
        using var received = new MessageCollector(returned);
        await returned.ConnectAsync();
        var message = Assert.Single(await received.WaitForMessagesAsync(1));
        Assert.Equal("while away", message.Text());
        Assert.Equal(MqttQos.AtLeastOnce, message.Qos);
    }

    [Fact]
    public async Task A_client_that_restarts_with_the_same_id_gets_what_was_published_while_it_was_gone()
    {
        var broker = await StartBrokerAsync();
        var subscriberId = MqttNetClients.UniqueId("sub");
        var subscriber = Client(broker, subscriberId);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("site/cmd/#", MqttQos.AtLeastOnce);
        await subscriber.DisposeAsync();

        var publisher = Client(broker, MqttNetClients.UniqueId("pub"));
        await publisher.ConnectAsync();
        for (var i = 0; i < 3; i++)
        {
            await publisher.PublishAsync(new MqttMessage($"site/cmd/{i}", Payloads.Utf8($"{i}"), MqttQos.AtLeastOnce));
        }

        var returned = Client(broker, subscriberId);
        using var received = new MessageCollector(returned);
        await returned.ConnectAsync();
        Assert.Equal(["0", "1", "2"], (await received.WaitForMessagesAsync(3)).Select(m => m.Text()));
    }

    [Fact]
    public async Task After_a_broker_restart_the_client_reconnects_by_itself_with_its_subscriptions()
    {
        var broker = await StartBrokerAsync(new MosquittoBrokerOptions { Persistence = false });
        var subscriber = Client(broker, MqttNetClients.UniqueId("sub"));
        using var received = new MessageCollector(subscriber);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("site/status");

        await broker.RestartAsync();
        await received.WaitForStateCountAsync(MqttConnectionState.Connected, 2);
        Assert.Contains(received.States, s => s.State == MqttConnectionState.Reconnecting);

        var publisher = Client(broker, MqttNetClients.UniqueId("pub"));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(new MqttMessage("site/status", Payloads.Utf8("after restart"), MqttQos.AtLeastOnce));

        Assert.Equal("after restart", (await received.WaitForMessagesAsync(1)).Single().Text());
        Assert.Equal(1, subscriber.Statistics.Reconnects);
    }

    [Fact]
    public async Task Restoring_subscriptions_on_a_session_the_broker_kept_does_not_replay_retained_messages()
    {
        var broker = await StartBrokerAsync();
        var publisher = Client(broker, MqttNetClients.UniqueId("pub"));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(new MqttMessage("site/status", Payloads.Utf8("online"), MqttQos.AtLeastOnce, Retain: true));

        var subscriber = Client(broker, MqttNetClients.UniqueId("sub"));
        using var received = new MessageCollector(subscriber);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("site/status");
        await received.WaitForMessagesAsync(1);

        // mosquitto keeps the session across its restart (persistence on), so the CONNACK says "session present".
        await broker.RestartAsync();
        await received.WaitForStateCountAsync(MqttConnectionState.Connected, 2);
        var later = Client(broker, MqttNetClients.UniqueId("pub2"));
        await later.ConnectAsync();
        await later.PublishAsync(new MqttMessage("site/status", Payloads.Utf8("live"), MqttQos.AtLeastOnce));

        var messages = await received.WaitForMessagesAsync(m => m.Any(x => x.Text() == "live"), "the live message");
        Assert.Equal([("online", true), ("live", false)], messages.Select(m => (m.Text(), m.Retain)));
    }

    [Fact]
    public async Task Wrong_credentials_fail_connect_with_a_permanent_error_that_names_the_settings()
    {
        var broker = await StartBrokerAsync(new MosquittoBrokerOptions { Users = new Dictionary<string, string> { ["site"] = "s3cret" } });

        var wrong = Client(broker, MqttNetClients.UniqueId("wrong"), o => o with { Username = "site", Password = "guess" });
        using var wrongEvents = new MessageCollector(wrong);
        var error = await Assert.ThrowsAsync<MqttException>(() => wrong.ConnectAsync());
        Assert.False(error.IsTransient);
        Assert.Contains("not authorised", error.Message, StringComparison.Ordinal);
        Assert.Contains("everest-site.mqtt.username/password", error.Message, StringComparison.Ordinal);
        await wrongEvents.WaitForStateAsync(MqttConnectionState.Disconnected);

        var anonymous = Client(broker, MqttNetClients.UniqueId("anon"));
        Assert.False((await Assert.ThrowsAsync<MqttException>(() => anonymous.ConnectAsync())).IsTransient);

        var right = Client(broker, MqttNetClients.UniqueId("right"), o => o with { Username = "site", Password = "s3cret" });
        await right.ConnectAsync();
        Assert.Equal(MqttConnectionState.Connected, right.State);
    }

    [Fact]
    public async Task The_last_will_is_published_when_a_client_dies_but_not_when_it_disconnects()
    {
        var broker = await StartBrokerAsync();
        var watcher = Client(broker, MqttNetClients.UniqueId("watcher"));
        using var watched = new MessageCollector(watcher);
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync("site/status/#");

        var polite = Client(broker, MqttNetClients.UniqueId("polite"), o => o with { LastWill = new MqttMessage("site/status/polite", Payloads.Utf8("polite died"), MqttQos.AtLeastOnce) });
        await polite.ConnectAsync();
        await polite.DisconnectAsync();

        var dying = Client(broker, MqttNetClients.UniqueId("dying"), o => o with { LastWill = new MqttMessage("site/status/dying", Payloads.Utf8("offline"), MqttQos.AtLeastOnce, Retain: true) });
        await dying.ConnectAsync();
        await dying.DisposeAsync();

        var will = Assert.Single(await watched.WaitForMessagesAsync(1));
        Assert.Equal("site/status/dying", will.Topic);
        Assert.Equal("offline", will.Text());

        // The will was retained, so a newcomer sees the last known status too.
        var newcomer = Client(broker, MqttNetClients.UniqueId("newcomer"));
        using var newcomerReceived = new MessageCollector(newcomer);
        await newcomer.ConnectAsync();
        await newcomer.SubscribeAsync("site/status/#");
        var retained = Assert.Single(await newcomerReceived.WaitForMessagesAsync(1));
        Assert.True(retained.Retain);
        Assert.Equal("offline", retained.Text());
    }

    [Fact]
    public async Task An_unreachable_broker_fails_connect_with_a_transient_error_and_the_client_connects_once_it_is_up()
    {
        var broker = await StartBrokerAsync();
        await broker.StopAsync();

        var client = Client(broker, MqttNetClients.UniqueId("early"));
        using var events = new MessageCollector(client);
        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync());
        Assert.True(error.IsTransient);
        Assert.Contains($"127.0.0.1:{broker.Port}", error.Message, StringComparison.Ordinal);

        await broker.StartAgainAsync();

        await events.WaitForStateAsync(MqttConnectionState.Connected);
        await client.PublishAsync(new MqttMessage("site/x", Payloads.Utf8("up"), MqttQos.AtLeastOnce));
    }

    [Fact]
    public async Task Tls_to_a_port_without_tls_fails_with_a_permanent_error_that_names_the_settings()
    {
        var broker = await StartBrokerAsync();
        var client = Client(broker, MqttNetClients.UniqueId("tls"), o => o with { Tls = new MqttNetTlsOptions { Enabled = true } });
        using var events = new MessageCollector(client);

        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync());

        Assert.False(error.IsTransient);
        Assert.Contains("everest-site.mqtt.tls", error.Message, StringComparison.Ordinal);
        await events.WaitForStateAsync(MqttConnectionState.Disconnected);
    }

    [Fact]
    public async Task Publishing_while_disconnected_fails_with_a_transient_error()
    {
        var broker = await StartBrokerAsync();
        var client = Client(broker, MqttNetClients.UniqueId("idle"));

        var error = await Assert.ThrowsAsync<MqttException>(() => client.PublishAsync(new MqttMessage("site/x", Payloads.Utf8("x"))));

        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Statistics_count_messages_handler_errors_and_nothing_else()
    {
        var broker = await StartBrokerAsync();
        var client = Client(broker, MqttNetClients.UniqueId("stats"));
        using var failing = client.OnMessage(_ => throw new InvalidOperationException("handler bug"));
        using var received = new MessageCollector(client);
        await client.ConnectAsync();
        await client.SubscribeAsync("site/x");

        await client.PublishAsync(new MqttMessage("site/x", Payloads.Utf8("1"), MqttQos.AtLeastOnce));
        await client.PublishAsync(new MqttMessage("site/x", Payloads.Utf8("2"), MqttQos.AtMostOnce));
        await received.WaitForMessagesAsync(2);

        Assert.Equal(new MqttTransportStatistics(MessagesReceived: 2, MessagesPublished: 2, HandlerErrors: 2, Reconnects: 0), client.Statistics);
    }

    [Fact]
    public void Invalid_settings_are_refused_with_every_problem_named_by_its_key()
    {
        var options = new MqttNetTransportOptions
        {
            Host = "",
            Port = 0,
            ClientId = "x",
            Password = "p",
            KeepAlive = TimeSpan.FromSeconds(1),
            Tls = new MqttNetTlsOptions { Enabled = true, CaFile = "missing-ca.pem", CertFile = "client.pem" },
        };

        var error = Assert.Throws<MqttException>(() => new MqttNetTransport(options));

        Assert.False(error.IsTransient);
        foreach (var key in new[] { "mqtt.host", "mqtt.port", "mqtt.password", "mqtt.keep-alive", "mqtt.tls.ca-file 'missing-ca.pem' does not exist", "mqtt.tls.cert-file and everest-site.mqtt.tls.key-file" })
        {
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_backlog_of_20000_qos_1_messages_for_a_persistent_session_is_drained_complete_and_in_order()
    {
        const int count = 20_000;
        var broker = await StartBrokerAsync(new MosquittoBrokerOptions { Persistence = false });
        var subscriberId = MqttNetClients.UniqueId("backlog");
        var subscriber = Client(broker, subscriberId);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("site/backlog", MqttQos.AtLeastOnce);
        await subscriber.DisconnectAsync();

        var publisher = Client(broker, MqttNetClients.UniqueId("pub"));
        await publisher.ConnectAsync();
        for (var batch = 0; batch < count; batch += 1_000)
        {
            var publishes = new List<Task>(1_000);
            for (var i = batch; i < batch + 1_000; i++)
            {
                var payload = new byte[100];
                BinaryPrimitives.WriteInt32BigEndian(payload, i);
                publishes.Add(publisher.PublishAsync(new MqttMessage("site/backlog", payload, MqttQos.AtLeastOnce)));
            }

            await Task.WhenAll(publishes);
        }

        // The same session comes back to 20,000 queued messages: all of them, in order, and no stall.
        var returned = Client(broker, subscriberId);
        using var received = new MessageCollector(returned);
        await returned.ConnectAsync();
        var messages = await received.WaitForMessagesAsync(count);

        Assert.Equal(count, messages.Count);
        Assert.Equal(Enumerable.Range(0, count), messages.Select(m => BinaryPrimitives.ReadInt32BigEndian(m.Payload.Span)));
        Assert.All(messages, m => Assert.Equal(MqttQos.AtLeastOnce, m.Qos));
    }

    [Fact]
    public async Task Messages_queued_for_a_returning_session_arrive_after_it_reports_connected_and_subscriptions_made_offline_are_restored()
    {
        var broker = await StartBrokerAsync();
        var subscriberId = MqttNetClients.UniqueId("order");
        var subscriber = Client(broker, subscriberId);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("site/queued");
        await subscriber.DisposeAsync();

        var publisher = Client(broker, MqttNetClients.UniqueId("pub"));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(new MqttMessage("site/queued", Payloads.Utf8("queued"), MqttQos.AtLeastOnce));

        var returned = Client(broker, subscriberId);
        var events = new List<string>();
        using var onMessage = returned.OnMessage(m => { lock (events) { events.Add("message " + m.Text()); } });
        using var onState = returned.OnConnectionStateChanged(s => { lock (events) { events.Add(s.State.ToString()); } });
        using var received = new MessageCollector(returned);

        // Subscribed before connecting: recorded, and made as part of the connect.
        await returned.SubscribeAsync("site/later");
        await returned.ConnectAsync();
        await received.WaitForMessagesAsync(1);
        await publisher.PublishAsync(new MqttMessage("site/later", Payloads.Utf8("later"), MqttQos.AtLeastOnce));
        await received.WaitForMessagesAsync(2);

        lock (events)
        {
            Assert.Equal(["Connecting", "Connected", "message queued", "message later"], events);
        }
    }

    [Fact]
    public async Task A_second_client_with_the_same_id_takes_the_session_over_and_the_first_reports_the_loss()
    {
        var broker = await StartBrokerAsync();
        var clientId = MqttNetClients.UniqueId("twin");
        var first = Client(broker, clientId, o => o with { Reconnect = new MqttNetReconnectOptions { MinDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30) } });
        using var firstEvents = new MessageCollector(first);
        await first.ConnectAsync();

        var second = Client(broker, clientId);
        using var secondEvents = new MessageCollector(second);
        await second.ConnectAsync();

        await firstEvents.WaitForStateAsync(MqttConnectionState.Reconnecting);
        Assert.True(firstEvents.States.Any(s => s.Reason?.Contains("same client id", StringComparison.Ordinal) == true), string.Join(" / ", firstEvents.States));

        // The first client waits out its backoff before trying again, so it does not take the id straight back.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(MqttConnectionState.Connected, second.State);
        Assert.DoesNotContain(secondEvents.States, s => s.State == MqttConnectionState.Reconnecting);
    }

    private async Task<MosquittoBroker> StartBrokerAsync(MosquittoBrokerOptions? options = null)
    {
        var broker = await MosquittoBroker.StartAsync(options);
        return Own(broker);
    }

    private MqttNetTransport Client(MosquittoBroker broker, string clientId, Func<MqttNetTransportOptions, MqttNetTransportOptions>? configure = null)
    {
        var options = MqttNetClients.For(broker, clientId);
        var client = new MqttNetTransport(configure is null ? options : configure(options));
        return Own(client);
    }
}
