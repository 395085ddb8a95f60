using Everest.Site.EverestApi.Messages;
using Everest.Site.EverestApi.Tests.Support;

namespace Everest.Site.EverestApi.Tests.Transport;

/// <summary>
/// The responder publishes only on our own reply topic of the API instance a request came on, whatever replyTo
/// says, and a flood of bad requests costs a bounded number of log lines.
/// </summary>
public sealed class ReplyTopicTests
{
    private const string SystemModule = "system_api_cp1";
    private const string RequestTopic = $"everest_api/1/system/{SystemModule}/e2m/get_boot_reason";
    private const string OwnReplyTo = $"everest_api/1/system/{SystemModule}/m2e/reply/6f1c0d2e";

    public static TheoryData<string> ForeignReplyTopics => new()
    {
        "everest_api/1/evse_manager_consumer/evse_1/m2e/communication_check",
        $"everest_api/1/system/{SystemModule}/m2e/communication_check",
        "everest_api/1/system/other_module/m2e/reply/1",
        $"everest_api/1/ocpp_consumer/{SystemModule}/m2e/reply/1",
        $"everest_api/1/system/{SystemModule}/e2m/reply/1",
        $"everest_api/1/system/{SystemModule}/m2e/reply",
        $"everest_api/1/system/{SystemModule}/m2e/reply/{new string('r', 256)}",
        "site/status",
    };

    [Theory]
    [MemberData(nameof(ForeignReplyTopics))]
    public async Task A_reply_to_outside_our_own_reply_topics_is_refused_counted_and_never_published_on(string replyTo)
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();
        responder.Handle<NoPayload, BootReason>(EverestApiType.System, "get_boot_reason", (_, _) => Task.FromResult(BootReason.PowerUp));
        await responder.AddInstanceAsync(EverestApiType.System, SystemModule);
        using var published = await TopicRecorder.StartAsync(pair.Everest, "#");

        await pair.EverestPublishAsync(RequestTopic, $$$"""{"headers":{"replyTo":"{{{replyTo}}}"}}""");
        await pair.EverestPublishAsync(RequestTopic, $$$"""{"headers":{"replyTo":"{{{OwnReplyTo}}}"}}""");

        // Everything published in order: the first message that is not one of the two requests is the only answer.
        var answer = await published.NextAsync();
        while (answer.Topic == RequestTopic)
        {
            answer = await published.NextAsync();
        }

        Assert.Equal(OwnReplyTo, answer.Topic);
        Assert.Equal((1, 1, 1), (responder.RefusedReplyTopics, responder.RejectedRequests, responder.Answered));
    }

    [Fact]
    public async Task Ten_thousand_bad_requests_write_one_line_per_kind_and_the_next_line_counts_what_was_held_back()
    {
        await using var pair = await BrokerPair.StartAsync();
        var logger = new RecordingLogger<EverestRequestResponder>();
        await using var responder = new EverestRequestResponder(pair.Controller, pair.Options, pair.Time, logger);
        await responder.AddInstanceAsync(EverestApiType.System, SystemModule);
        const int flood = 10_000;

        for (var i = 0; i < flood; i++)
        {
            await pair.EverestPublishAsync(RequestTopic, i % 2 == 0
                ? $$$"""{"headers":{"replyTo":"everest_api/1/evse_manager_consumer/evse_{{{i}}}/m2e/communication_check"}}"""
                : "{}");
        }

        await Eventually.TrueAsync(() => responder.RejectedRequests == flood, "every bad request to be counted");
        Assert.Equal(flood / 2, responder.RefusedReplyTopics);
        Assert.Equal(2, logger.Lines.Count);

        pair.Time.Advance(WarningThrottle.DefaultInterval);
        await pair.EverestPublishAsync(RequestTopic, """{"headers":{"replyTo":"site/status"}}""");

        await Eventually.TrueAsync(() => logger.Lines.Count == 3, "the next refusal after the interval to be logged");
        Assert.Contains($"{(flood / 2) - 1} more refused", logger.Lines[2].Message, StringComparison.Ordinal);
    }
}
