using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Everest.Site.Mqtt.Embedded;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Mqtt.Tests.Support;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Mqtt.Tests.Embedded;

/// <summary>The demo's in-process broker, spoken to by mosquitto's own command-line clients and by our transport.</summary>
public sealed class EmbeddedMqttBrokerTests : OwnedResources
{
    [Fact]
    public async Task Port_0_listens_on_a_free_loopback_port_and_reports_it()
    {
        var broker = await StartAsync();

        Assert.Equal(IPAddress.Loopback, broker.Address);
        Assert.InRange(broker.Port, 1, 65_535);
        using var probe = new TcpClient();
        await probe.ConnectAsync(IPAddress.Loopback, broker.Port);
        Assert.True(probe.Connected);
    }

    [Fact]
    public async Task Mosquitto_sub_without_a_client_id_receives_what_our_transport_publishes()
    {
        var broker = await StartAsync();
        var publisher = await ConnectAsync(broker, "pub");
        await publisher.PublishAsync(new MqttMessage("everest_api/1/evse_manager_consumer/evse_1/e2m/heartbeat", Payloads.Utf8("42"), MqttQos.AtLeastOnce, Retain: true));

        // As a user types it: no client id, MQTT 3.1.1, default clean session.
        var result = await MosquittoClientTools.RunAsync("mosquitto_sub", ["-h", "127.0.0.1", "-p", Port(broker), "-t", "everest_api/#", "-v", "-C", "1", "-W", "20"], TestTimeouts.Condition);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("everest_api/1/evse_manager_consumer/evse_1/e2m/heartbeat 42", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Mosquitto_sub_with_mqtt_5_and_no_client_id_is_given_one_too()
    {
        var broker = await StartAsync();
        var publisher = await ConnectAsync(broker, "pub");
        await publisher.PublishAsync(new MqttMessage("site/v5", Payloads.Utf8("five"), MqttQos.AtLeastOnce, Retain: true));

        var result = await MosquittoClientTools.RunAsync("mosquitto_sub", ["-V", "5", "-p", Port(broker), "-t", "site/#", "-C", "1", "-W", "20"], TestTimeouts.Condition);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("five", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Mosquitto_pub_without_a_client_id_reaches_our_transport()
    {
        var broker = await StartAsync();
        var subscriber = MqttNetTransport(broker, "sub");
        using var received = new MessageCollector(subscriber);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("site/cmd/#");

        var result = await MosquittoClientTools.RunAsync("mosquitto_pub", ["-p", Port(broker), "-t", "site/cmd/x", "-q", "1", "-m", "{\"go\":true}"], TestTimeouts.Condition);

        Assert.True(result.ExitCode == 0, result.ToString());
        var message = Assert.Single(await received.WaitForMessagesAsync(1));
        Assert.Equal(("site/cmd/x", "{\"go\":true}"), (message.Topic, message.Text()));
    }

    [Fact]
    public async Task A_persistent_session_gets_the_qos_1_messages_published_while_it_was_away()
    {
        var broker = await StartAsync();
        var subscriberId = MqttNetClients.UniqueId("sub");
        var subscriber = MqttNetTransport(broker, subscriberId);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("site/queued/#");
        await subscriber.DisposeAsync();

        var publisher = await ConnectAsync(broker, "pub");
        for (var i = 0; i < 100; i++)
        {
            await publisher.PublishAsync(new MqttMessage($"site/queued/{i}", Payloads.Utf8(i.ToString(CultureInfo.InvariantCulture)), MqttQos.AtLeastOnce));
        }

        var returned = MqttNetTransport(broker, subscriberId);
        using var received = new MessageCollector(returned);
        await returned.ConnectAsync();

        var messages = await received.WaitForMessagesAsync(100);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString(CultureInfo.InvariantCulture)), messages.Select(m => m.Text()));
    }

    [Fact]
    public async Task A_port_in_use_fails_to_start_with_a_clear_permanent_error()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<MqttException>(() => EmbeddedMqttBroker.StartAsync(new EmbeddedMqttBrokerOptions { Port = port }));

        Assert.False(error.IsTransient);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }

    private static string Port(EmbeddedMqttBroker broker) => broker.Port.ToString(CultureInfo.InvariantCulture);

    private async Task<EmbeddedMqttBroker> StartAsync()
    {
        var broker = await EmbeddedMqttBroker.StartAsync(new EmbeddedMqttBrokerOptions { Port = 0 });
        return Own(broker);
    }

    private MqttNetTransport MqttNetTransport(EmbeddedMqttBroker broker, string clientId)
    {
        var client = new MqttNetTransport(MqttNetClients.For(broker.Host, broker.Port, clientId));
        return Own(client);
    }

    private async Task<MqttNetTransport> ConnectAsync(EmbeddedMqttBroker broker, string name)
    {
        var client = MqttNetTransport(broker, MqttNetClients.UniqueId(name));
        await client.ConnectAsync();
        return client;
    }
}
