using System.Collections.Concurrent;
using Everest.Site.EverestApi.Tests.Support;

namespace Everest.Site.EverestApi.Tests.Transport;

public sealed class HeartbeatWatcherTests
{
    private const string Topic = "everest_api/1/evse_manager_consumer/evse_1/e2m/heartbeat";

    [Fact]
    public async Task An_instance_goes_online_on_a_heartbeat_offline_after_the_silence_and_online_again()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var watcher = pair.CreateWatcher();
        var changes = new ConcurrentQueue<EverestInstanceStatusChanged>();
        watcher.StatusChanged += (_, change) => changes.Enqueue(change);
        await watcher.WatchAsync(EverestApiType.EvseManagerConsumer, "evse_1");
        Assert.Equal(EverestInstanceStatus.Unknown, watcher.GetStatus(EverestApiType.EvseManagerConsumer, "evse_1"));

        await pair.EverestPublishAsync(Topic, "41");
        await Eventually.TrueAsync(() => changes.Count == 1, "online");
        Assert.Equal((EverestInstanceStatus.Online, 41UL), (changes.Last().Status, changes.Last().LastHeartbeat));

        pair.Time.Advance(pair.Options.HeartbeatTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(EverestInstanceStatus.Online, watcher.GetStatus(EverestApiType.EvseManagerConsumer, "evse_1"));

        pair.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(EverestInstanceStatus.Offline, watcher.GetStatus(EverestApiType.EvseManagerConsumer, "evse_1"));
        Assert.Equal(2, changes.Count);
        Assert.Equal((EverestInstanceStatus.Offline, pair.Time.GetUtcNow()), (changes.Last().Status, changes.Last().At));

        await pair.EverestPublishAsync(Topic, "42");
        await Eventually.TrueAsync(() => changes.Count == 3, "online again");
        Assert.Equal((EverestInstanceStatus.Online, 42UL), (changes.Last().Status, changes.Last().LastHeartbeat));
    }

    [Fact]
    public async Task Each_heartbeat_restarts_the_silence()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var watcher = pair.CreateWatcher();
        await watcher.WatchAsync(EverestApiType.EvseManagerConsumer, "evse_1");

        for (var beat = 1; beat <= 4; beat++)
        {
            await pair.EverestPublishAsync(Topic, beat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Eventually.TrueAsync(() => watcher.Heartbeats == beat, $"heartbeat {beat}");
            Assert.Equal(EverestInstanceStatus.Online, watcher.GetStatus(EverestApiType.EvseManagerConsumer, "evse_1"));
            pair.Time.Advance(pair.Options.HeartbeatTimeout - TimeSpan.FromSeconds(1));
        }

        Assert.Equal(EverestInstanceStatus.Online, watcher.GetStatus(EverestApiType.EvseManagerConsumer, "evse_1"));
    }

    [Fact]
    public async Task An_instance_never_heard_from_goes_offline_after_the_timeout()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var watcher = pair.CreateWatcher();
        await watcher.WatchAsync(EverestApiType.System, "sys_1");

        pair.Time.Advance(pair.Options.HeartbeatTimeout);

        Assert.Equal(EverestInstanceStatus.Offline, watcher.GetStatus(EverestApiType.System, "sys_1"));
    }

    [Fact]
    public async Task A_malformed_heartbeat_still_shows_life_and_is_counted()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var watcher = pair.CreateWatcher();
        await watcher.WatchAsync(EverestApiType.EvseManagerConsumer, "evse_1");

        await pair.EverestPublishAsync(Topic, "\"beat\"");

        await Eventually.TrueAsync(() => watcher.MalformedHeartbeats == 1, "the malformed heartbeat to be counted");
        Assert.Equal(EverestInstanceStatus.Online, watcher.GetStatus(EverestApiType.EvseManagerConsumer, "evse_1"));
    }

    [Fact]
    public async Task The_silence_comes_from_the_options()
    {
        await using var pair = await BrokerPair.StartAsync(new EverestApiOptions { HeartbeatTimeout = TimeSpan.FromSeconds(2) });
        await using var watcher = pair.CreateWatcher();
        await watcher.WatchAsync(EverestApiType.System, "sys_1");

        pair.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(EverestInstanceStatus.Offline, watcher.GetStatus(EverestApiType.System, "sys_1"));
        Assert.Throws<KeyNotFoundException>(() => watcher.GetStatus(EverestApiType.System, "unwatched"));
    }
}
