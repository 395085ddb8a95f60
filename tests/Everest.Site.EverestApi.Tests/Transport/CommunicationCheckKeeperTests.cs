using System.Text;
using Everest.Site.EverestApi.Tests.Support;

namespace Everest.Site.EverestApi.Tests.Transport;

public sealed class CommunicationCheckKeeperTests
{
    [Fact]
    public async Task True_is_published_at_once_then_every_interval_on_every_instance_and_false_on_shutdown()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var keeper = pair.CreateKeeper();
        using var checks = await TopicRecorder.StartAsync(pair.Everest, "everest_api/1/+/+/m2e/communication_check");
        keeper.Add(EverestApiType.EvseManagerConsumer, "evse_1");
        keeper.Add(EverestApiType.System, "sys_1");

        keeper.Start();
        var first = new[] { await checks.NextAsync(), await checks.NextAsync() };

        Assert.Equal(
            ["everest_api/1/evse_manager_consumer/evse_1/m2e/communication_check", "everest_api/1/system/sys_1/m2e/communication_check"],
            first.Select(message => message.Topic).Order());
        Assert.All(first, message => Assert.Equal("true", Encoding.UTF8.GetString(message.Payload.Span)));

        pair.Time.Advance(pair.Options.CommunicationCheckInterval - TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => keeper.Published == 2, "the first round to be counted");
        Assert.False(checks.HasPending);

        pair.Time.Advance(TimeSpan.FromMilliseconds(1));
        var second = new[] { await checks.NextAsync(), await checks.NextAsync() };
        Assert.All(second, message => Assert.Equal("true", Encoding.UTF8.GetString(message.Payload.Span)));

        await keeper.ShutdownAsync();
        var last = new[] { await checks.NextAsync(), await checks.NextAsync() };
        Assert.All(last, message => Assert.Equal("false", Encoding.UTF8.GetString(message.Payload.Span)));

        pair.Time.Advance(pair.Options.CommunicationCheckInterval * 3);
        await Eventually.TrueAsync(() => keeper.Published == 6, "the final round to be counted");
        Assert.False(checks.HasPending);
    }

    [Fact]
    public async Task An_instance_added_while_running_gets_true_at_once()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var keeper = pair.CreateKeeper();
        using var checks = await TopicRecorder.StartAsync(pair.Everest, "everest_api/1/+/+/m2e/communication_check");
        keeper.Start();

        keeper.Add(EverestApiType.SessionCost, "cost_1");

        var message = await checks.NextAsync();
        Assert.Equal(("everest_api/1/session_cost/cost_1/m2e/communication_check", "true"), (message.Topic, Encoding.UTF8.GetString(message.Payload.Span)));
    }

    [Fact]
    public async Task Disposing_stops_without_sending_false()
    {
        await using var pair = await BrokerPair.StartAsync();
        var keeper = pair.CreateKeeper();
        using var checks = await TopicRecorder.StartAsync(pair.Everest, "everest_api/1/+/+/m2e/communication_check");
        keeper.Add(EverestApiType.System, "sys_1");
        keeper.Start();
        await checks.NextAsync();

        await keeper.DisposeAsync();
        pair.Time.Advance(pair.Options.CommunicationCheckInterval * 2);

        // A marker published after the disposal arrives first: nothing (no false, no true) came in between.
        await pair.EverestPublishAsync("everest_api/1/system/sys_1/m2e/communication_check", "\"marker\"");
        Assert.Equal("\"marker\"", Encoding.UTF8.GetString((await checks.NextAsync()).Payload.Span));
        Assert.Equal(1, keeper.Published);
    }

    [Fact]
    public async Task Failures_to_publish_are_counted_and_do_not_stop_the_ticks()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var keeper = pair.CreateKeeper();
        keeper.Add(EverestApiType.System, "sys_1");
        await pair.Controller.DisposeAsync();

        keeper.Start();
        pair.Time.Advance(pair.Options.CommunicationCheckInterval);

        await Eventually.TrueAsync(() => keeper.PublishFailures == 2, "both failed publications to be counted");
    }
}
