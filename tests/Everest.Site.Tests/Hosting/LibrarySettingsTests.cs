using System.Collections;
using System.Text;
using Everest.Site.Configuration;
using Everest.Site.Hosting;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Tests.Hosting;

/// <summary>The site's HOCON settings reach the libraries they configure, and those libraries work with them.</summary>
public sealed class LibrarySettingsTests
{
    private static readonly IDictionary NoEnvironment = new Hashtable();

    private static EverestSiteOptions SiteConfWith(string overrides, IDictionary? environment = null)
    {
        var site = RepositoryFiles.Hocon("site.conf").Replace("\\", "/", StringComparison.Ordinal);
        using var file = new TempConfig($"include file(\"{site}\")\n{overrides}\n");
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: environment ?? NoEnvironment));
    }

    [Fact]
    public async Task The_mqtt_section_connects_the_mqtt_client_to_a_real_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = SiteConfWith($"everest-site.mqtt {{ host = \"{broker.Host}\", port = {broker.Port}, client-id = settings-test, keep-alive = 10s }}");

        var mosquitto = LibrarySettings.ForMqttClient(options.Mqtt);
        Assert.False(mosquitto.CleanSession);
        Assert.Equal(TimeSpan.FromSeconds(10), mosquitto.KeepAlive);
        Assert.Equal("everest-site/depot-1/status", mosquitto.LastWill?.Topic);
        Assert.Empty(mosquitto.Validate());

        await using var transport = new MqttNetTransport(mosquitto);
        var received = new TaskCompletionSource<MqttMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = transport.OnMessage(message => received.TrySetResult(message));
        await transport.ConnectAsync();
        await transport.SubscribeAsync("everest_api/1/+/+/e2m/heartbeat");
        await transport.PublishAsync(new MqttMessage("everest_api/1/system/system_api_cp1/e2m/heartbeat", "7"u8.ToArray(), MqttQos.AtLeastOnce));

        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("7", Encoding.UTF8.GetString(message.Payload.Span));
    }

    [Fact]
    public void The_inbound_queue_bounds_reach_the_mqtt_client_with_the_reference_defaults_matching_the_library_s()
    {
        var defaults = LibrarySettings.ForMqttClient(SiteConfWith("").Mqtt);
        var library = new MqttNetTransportOptions { ClientId = "defaults" };
        Assert.Equal(library.MaxWaitingMessages, defaults.MaxWaitingMessages);
        Assert.Equal(library.MaxWaitingBytes, defaults.MaxWaitingBytes);

        var set = LibrarySettings.ForMqttClient(SiteConfWith("everest-site.mqtt.inbound-queue { max-messages = 500, max-bytes = 2MiB }").Mqtt);
        Assert.Equal(500, set.MaxWaitingMessages);
        Assert.Equal(2 * 1024 * 1024, set.MaxWaitingBytes);
    }

    [Fact]
    public void The_everest_api_section_binds_onto_the_libraries_options_with_every_timing()
    {
        var options = SiteConfWith("everest-site.everest-api { request-timeout = 3s, communication-check-interval = 1500ms, heartbeat-timeout = 4s, reply-deadline = 500ms }");

        var api = options.EverestApi;

        Assert.Equal(TimeSpan.FromSeconds(3), api.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), api.CommunicationCheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), api.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), api.ReplyDeadline);
    }

    [Fact]
    public void A_reply_deadline_EVerest_would_not_wait_for_is_refused_naming_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => SiteConfWith("everest-site.everest-api.reply-deadline = 2s"));
        Assert.Contains(error.Problems, p => p.Key == "everest-site:everest-api:reply-deadline" && p.Message.StartsWith("expected less than 1s", StringComparison.Ordinal));
    }

    [Fact]
    public void Reference_conf_documents_the_same_everest_api_defaults_the_library_has()
    {
        var defaults = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file: null, environment: NoEnvironment)).EverestApi;

        Assert.Equal(new EverestApi.EverestApiOptions(), defaults);
    }
}
