using System.Text;
using System.Text.Json.Nodes;
using Everest.Site.EverestApi.Messages;
using Everest.Site.EverestApi.Tests.Support;

namespace Everest.Site.EverestApi.Tests.Transport;

/// <summary>Answering EVerest's own requests (system and ocpp_consumer) with bare JSON on the given replyTo.</summary>
public sealed class EverestRequestResponderTests
{
    private const string SystemModule = "system_api_cp1";
    private const string ReplyTo = "everest_api/1/system/system_api_cp1/m2e/reply/6f1c0d2e-4c4b-4a9e-9d55-0c1f6e0a9b11";

    private static string Request(object? payload) =>
        payload is null
            ? $$$"""{"headers":{"replyTo":"{{{ReplyTo}}}"}}"""
            : $$$"""{"headers":{"replyTo":"{{{ReplyTo}}}"},"payload":{{{payload}}}}""";

    [Fact]
    public async Task A_handled_request_is_answered_with_the_bare_json_value_on_reply_to()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();
        FirmwareUpdateRequest? received = null;
        responder.Handle<FirmwareUpdateRequest, UpdateFirmwareResponse>(EverestApiType.System, "update_firmware", (request, _) =>
        {
            received = request.Payload;
            Assert.Equal((SystemModule, ReplyTo), (request.ModuleId, request.ReplyTo));
            return Task.FromResult(UpdateFirmwareResponse.Accepted);
        });
        await responder.AddInstanceAsync(EverestApiType.System, SystemModule);
        using var replies = await TopicRecorder.StartAsync(pair.Everest, ReplyTo);

        await pair.EverestPublishAsync($"everest_api/1/system/{SystemModule}/e2m/update_firmware", Request("""{"request_id":3,"location":"https://fw.example/v2.bin","retries":2}"""));
        var reply = await replies.NextAsync();

        Assert.Equal("\"Accepted\"", Encoding.UTF8.GetString(reply.Payload.Span));
        SpecAssert.Valid(Specs.All.Validator.ValidateReply("system", "update_firmware", JsonNode.Parse(reply.Payload.Span)));
        Assert.Equal(new FirmwareUpdateRequest(3, "https://fw.example/v2.bin", Retries: 2), received);
        Assert.Equal(1, responder.Answered);
    }

    [Fact]
    public async Task A_request_without_payload_reaches_its_handler()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();
        responder.Handle<NoPayload, BootReason>(EverestApiType.System, "get_boot_reason", (_, _) => Task.FromResult(BootReason.PowerUp));
        await responder.AddInstanceAsync(EverestApiType.System, SystemModule);
        using var replies = await TopicRecorder.StartAsync(pair.Everest, ReplyTo);

        await pair.EverestPublishAsync($"everest_api/1/system/{SystemModule}/e2m/get_boot_reason", Request(null));

        Assert.Equal("\"PowerUp\"", Encoding.UTF8.GetString((await replies.NextAsync()).Payload.Span));
    }

    [Fact]
    public async Task A_late_handler_is_answered_with_the_safe_default_at_the_deadline()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerRelease = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        responder.Handle<ResetType, bool>(EverestApiType.System, "is_reset_allowed", (_, _) =>
        {
            handlerStarted.TrySetResult();
            return handlerRelease.Task;
        });
        await responder.AddInstanceAsync(EverestApiType.System, SystemModule);
        using var replies = await TopicRecorder.StartAsync(pair.Everest, ReplyTo);

        await pair.EverestPublishAsync($"everest_api/1/system/{SystemModule}/e2m/is_reset_allowed", Request("\"Soft\""));
        await Eventually.WithCapAsync(handlerStarted.Task.ContinueWith(_ => true, TaskScheduler.Default), "the handler to start");
        await Eventually.TrueAsync(() => pair.Time.TimersCreated >= 1, "the deadline timer");
        Assert.False(replies.HasPending);

        pair.Time.Advance(pair.Options.ReplyDeadline);
        var reply = await replies.NextAsync();
        handlerRelease.SetResult(true);

        Assert.Equal("false", Encoding.UTF8.GetString(reply.Payload.Span));
        Assert.Equal((1L, 1L, 0L), (responder.LateHandlers, responder.DefaultAnswers, responder.Answered));
    }

    [Fact]
    public async Task A_failing_handler_is_answered_with_the_safe_default()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();
        responder.Handle<FirmwareUpdateRequest, UpdateFirmwareResponse>(EverestApiType.System, "update_firmware",
            (_, _) => throw new InvalidOperationException("disk full"));
        await responder.AddInstanceAsync(EverestApiType.System, SystemModule);
        using var replies = await TopicRecorder.StartAsync(pair.Everest, ReplyTo);

        await pair.EverestPublishAsync($"everest_api/1/system/{SystemModule}/e2m/update_firmware", Request("""{"request_id":1,"location":"x"}"""));

        Assert.Equal("\"Rejected\"", Encoding.UTF8.GetString((await replies.NextAsync()).Payload.Span));
        Assert.Equal(1, responder.FailedHandlers);
    }

    [Fact]
    public async Task A_request_without_a_handler_is_answered_with_the_safe_default()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();
        await responder.AddInstanceAsync(EverestApiType.OcppConsumer, "ocpp_api");
        const string ocppReplyTo = "everest_api/1/ocpp_consumer/ocpp_api/m2e/reply/1";
        using var replies = await TopicRecorder.StartAsync(pair.Everest, ocppReplyTo);

        await pair.EverestPublishAsync("everest_api/1/ocpp_consumer/ocpp_api/e2m/data_transfer_incoming",
            $$$"""{"headers":{"replyTo":"{{{ocppReplyTo}}}"},"payload":{"vendor_id":"org.example"}}""");
        var reply = JsonNode.Parse((await replies.NextAsync()).Payload.Span);

        Assert.Equal("""{"status":"Rejected"}""", reply!.ToJsonString());
        SpecAssert.Valid(Specs.All.Validator.ValidateReply("ocpp_consumer", "data_transfer_incoming", reply));
        Assert.Equal(1, responder.UnhandledRequests);
    }

    [Fact]
    public async Task A_request_whose_arguments_do_not_decode_is_answered_with_the_safe_default()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();
        var called = false;
        responder.Handle<DateTimeOffset, bool>(EverestApiType.System, "set_system_time", (_, _) =>
        {
            called = true;
            return Task.FromResult(true);
        });
        await responder.AddInstanceAsync(EverestApiType.System, SystemModule);
        using var replies = await TopicRecorder.StartAsync(pair.Everest, ReplyTo);

        await pair.EverestPublishAsync($"everest_api/1/system/{SystemModule}/e2m/set_system_time", Request("\"half past twelve\""));

        Assert.Equal("false", Encoding.UTF8.GetString((await replies.NextAsync()).Payload.Span));
        Assert.False(called);
        Assert.Equal(1, responder.RejectedRequests);
    }

    [Fact]
    public async Task A_request_without_reply_to_cannot_be_answered_and_is_counted()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();
        await responder.AddInstanceAsync(EverestApiType.System, SystemModule);

        await pair.EverestPublishAsync($"everest_api/1/system/{SystemModule}/e2m/get_boot_reason", "{}");
        await pair.EverestPublishAsync($"everest_api/1/system/{SystemModule}/e2m/get_boot_reason", """{"headers":{"replyTo":"everest_api/1/system/+/m2e/reply/1"}}""");

        await Eventually.TrueAsync(() => responder.RejectedRequests == 2, "both requests to be rejected");
    }

    [Fact]
    public async Task Instances_not_added_are_left_alone()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();
        await responder.AddInstanceAsync(EverestApiType.System, SystemModule);
        using var replies = await TopicRecorder.StartAsync(pair.Everest, "everest_api/1/system/+/m2e/reply/#");
        await pair.Controller.SubscribeAsync("everest_api/1/system/other_charger/e2m/#");

        await pair.EverestPublishAsync("everest_api/1/system/other_charger/e2m/get_boot_reason", """{"headers":{"replyTo":"everest_api/1/system/other_charger/m2e/reply/1"}}""");
        await pair.EverestPublishAsync($"everest_api/1/system/{SystemModule}/e2m/get_boot_reason", Request(null));

        // Only the added instance's request is answered (in order, so the first reply settles it).
        Assert.Equal(ReplyTo, (await replies.NextAsync()).Topic);
        Assert.Equal(1, responder.UnhandledRequests);
    }

    [Fact]
    public async Task Handlers_must_match_the_contract()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var responder = pair.CreateResponder();

        Assert.Throws<ArgumentException>(() => responder.Handle<ResetType, string>(EverestApiType.System, "is_reset_allowed", (_, _) => Task.FromResult("yes")));
        Assert.Throws<ArgumentException>(() => responder.Handle<ResetRequest, bool>(EverestApiType.System, "reset", (_, _) => Task.FromResult(true)));
        responder.Handle<NoPayload, BootReason>(EverestApiType.System, "get_boot_reason", (_, _) => Task.FromResult(BootReason.PowerUp));
        Assert.Throws<InvalidOperationException>(() => responder.Handle<NoPayload, BootReason>(EverestApiType.System, "get_boot_reason", (_, _) => Task.FromResult(BootReason.PowerUp)));
        await Assert.ThrowsAsync<ArgumentException>(() => responder.AddInstanceAsync(EverestApiType.SessionCost, "cost"));
    }
}
