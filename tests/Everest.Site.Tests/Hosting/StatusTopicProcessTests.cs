using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Tests.Hosting;

/// <summary>
/// The retained status topic follows the controller: <c>online</c> once <c>everest-site run</c> is connected,
/// <c>offline</c> (the broker's last will) once the process is killed, and again <c>online</c> when it comes back.
/// </summary>
public sealed class StatusTopicProcessTests
{
    private const string StatusTopic = "everest-site/hosting-test/status";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_status_says_online_after_start_offline_after_a_kill_and_online_after_a_restart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var site = new TempConfig(TwoEvseSite.Hocon(
            $"provider = mosquitto, host = \"{broker.Host}\", port = {broker.Port}, client-id = \"status-test-{Guid.NewGuid():N}\", keep-alive = 5s",
            "provider = memory"));
        await using var watcher = new MqttNetTransport(new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = $"watcher-{Guid.NewGuid():N}" });
        using var statuses = new MessageRecorder(watcher);
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync(StatusTopic);

        await using (var app = AppProcess.Start(site.Directory, "run", "--config", site.Path))
        {
            await app.WaitForLineAsync("everest-site running:", Patience);
            await statuses.WaitUntilAsync(m => LastStatus(m) == "online", "online after start", Patience);

            await app.KillAsync();
            await statuses.WaitUntilAsync(m => LastStatus(m) == "offline", "offline (the last will) after the kill", Patience);
        }

        // The will is retained: a newcomer learns that the controller is gone.
        await using (var newcomer = new MqttNetTransport(new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = $"newcomer-{Guid.NewGuid():N}" }))
        {
            using var retained = new MessageRecorder(newcomer);
            await newcomer.ConnectAsync();
            await newcomer.SubscribeAsync(StatusTopic);
            await retained.WaitUntilAsync(m => m.Count == 1 && m[0].Retain && LastStatus(m) == "offline", "the retained offline", Patience);
        }

        await using (var restarted = AppProcess.Start(site.Directory, "run", "--config", site.Path))
        {
            await restarted.WaitForLineAsync("everest-site running:", Patience);
            await statuses.WaitUntilAsync(m => LastStatus(m) == "online", "online again after the restart", Patience);
            await restarted.TerminateAsync();
            await statuses.WaitUntilAsync(m => LastStatus(m) == "offline", "offline after an orderly stop", Patience);
            Assert.Equal(0, await restarted.WaitForExitAsync(Patience));
        }
    }

    private static string? LastStatus(IReadOnlyList<MqttMessage> messages) =>
        messages.Where(m => m.Topic == StatusTopic).Select(MessageRecorder.Text).LastOrDefault();
}
