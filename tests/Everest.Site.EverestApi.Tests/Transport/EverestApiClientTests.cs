using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.EverestApi.Tests.Support;
using Everest.Site.Mqtt;

namespace Everest.Site.EverestApi.Tests.Transport;

/// <summary>The request/reply client and fire-and-forget senders, against a fake EVerest on the in-memory broker.</summary>
public sealed partial class EverestApiClientTests
{
    private const string Module = "evse_api_1";

    [Fact]
    public async Task A_request_gets_the_reply_everest_publishes_on_reply_to()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();
        using var requests = await TopicRecorder.StartAsync(pair.Everest, $"everest_api/1/evse_manager_consumer/{Module}/m2e/pause_charging");

        var pausing = new EvseManagerClient(client, Module).PauseChargingAsync();
        var request = await requests.NextAsync();
        var replyTo = JsonNode.Parse(request.Payload.Span)!["headers"]!["replyTo"]!.GetValue<string>();
        await pair.EverestPublishAsync(replyTo, "true");

        Assert.True(await Eventually.WithCapAsync(pausing, "the pause reply"));
        Assert.Equal(0, client.PendingRequests);
    }

    [Fact]
    public async Task Reply_to_is_always_present_and_of_the_exact_form()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();
        using var requests = await TopicRecorder.StartAsync(pair.Everest, "everest_api/1/+/+/m2e/#");
        var evse = new EvseManagerClient(client, Module);
        var ocpp = new OcppConsumerClient(client, "ocpp_api");

        _ = evse.GetEvseAsync();
        _ = evse.ReserveAsync(17);
        _ = ocpp.GetVariablesAsync(new GetVariableRequestList([]));

        foreach (var (api, module, operation) in new[] { ("evse_manager_consumer", Module, "get_evse"), ("evse_manager_consumer", Module, "reserve"), ("ocpp_consumer", "ocpp_api", "get_variables") })
        {
            var request = await requests.NextAsync();
            var body = JsonNode.Parse(request.Payload.Span)!.AsObject();
            var replyTo = body["headers"]?["replyTo"]?.GetValue<string>();

            Assert.Equal($"everest_api/1/{api}/{module}/m2e/{operation}", request.Topic);
            Assert.NotNull(replyTo);
            Assert.Matches(ReplyToPattern(), replyTo);
            Assert.StartsWith($"everest_api/1/{api}/{module}/e2m/{operation}/", replyTo, StringComparison.Ordinal);
            SpecAssert.Valid(Specs.All.Validator.Validate(api, operation, body));
        }
    }

    [Fact]
    public async Task Each_request_gets_its_own_correlation_id()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();
        using var requests = await TopicRecorder.StartAsync(pair.Everest, $"everest_api/1/evse_manager_consumer/{Module}/m2e/reserve");
        var evse = new EvseManagerClient(client, Module);

        var first = evse.ReserveAsync(1);
        var second = evse.ReserveAsync(2);
        var requestBodies = new[] { await requests.NextAsync(), await requests.NextAsync() }.Select(message => JsonNode.Parse(message.Payload.Span)!).ToList();

        // Answer in the opposite order: each reply must reach its own request.
        foreach (var body in requestBodies.AsEnumerable().Reverse())
        {
            await pair.EverestPublishAsync(body["headers"]!["replyTo"]!.GetValue<string>(), body["payload"]!.GetValue<int>() == 1 ? "true" : "false");
        }

        Assert.NotEqual(requestBodies[0]["headers"]!["replyTo"]!.GetValue<string>(), requestBodies[1]["headers"]!["replyTo"]!.GetValue<string>());
        Assert.True(await Eventually.WithCapAsync(first, "reserve 1"));
        Assert.False(await Eventually.WithCapAsync(second, "reserve 2"));
    }

    [Fact]
    public async Task A_request_with_arguments_sends_them_as_the_payload()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();
        using var requests = await TopicRecorder.StartAsync(pair.Everest, $"everest_api/1/evse_manager_consumer/{Module}/m2e/enable_disable");
        var command = new EnableDisableRequest(0, new EnableDisableSource(EnableSource.LocalAPI, EnableState.Disable, 100));

        var call = new EvseManagerClient(client, Module).EnableDisableAsync(command);
        var request = await requests.NextAsync();
        var body = JsonNode.Parse(request.Payload.Span)!;
        await pair.EverestPublishAsync(body["headers"]!["replyTo"]!.GetValue<string>(), "false");

        JsonEquivalence.AssertEquivalent(
            JsonNode.Parse("""{"connector_id":0,"source":{"enable_source":"LocalAPI","enable_state":"Disable","enable_priority":100}}"""),
            body["payload"],
            "enable_disable payload");
        Assert.False(await Eventually.WithCapAsync(call, "the enable_disable reply"));
    }

    [Fact]
    public async Task An_unanswered_request_times_out_on_virtual_time_and_a_late_reply_is_counted()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();
        using var requests = await TopicRecorder.StartAsync(pair.Everest, $"everest_api/1/evse_manager_consumer/{Module}/m2e/resume_charging");

        var resuming = new EvseManagerClient(client, Module).ResumeChargingAsync();
        var request = await requests.NextAsync();

        pair.Time.Advance(pair.Options.RequestTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(resuming.IsCompleted);

        pair.Time.Advance(TimeSpan.FromMilliseconds(1));
        var exception = await Assert.ThrowsAsync<EverestRequestTimeoutException>(() => Eventually.WithCapAsync(resuming, "the timeout"));
        Assert.Contains("resume_charging", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, client.TimedOutRequests);

        await pair.EverestPublishAsync(JsonNode.Parse(request.Payload.Span)!["headers"]!["replyTo"]!.GetValue<string>(), "true");
        await Eventually.TrueAsync(() => client.LateReplies == 1, "the late reply to be counted");
        Assert.Equal(0, client.PendingRequests);
    }

    [Fact]
    public async Task The_timeout_comes_from_the_options()
    {
        await using var pair = await BrokerPair.StartAsync(new EverestApiOptions { RequestTimeout = TimeSpan.FromSeconds(1) });
        await using var client = pair.CreateClient();
        using var requests = await TopicRecorder.StartAsync(pair.Everest, $"everest_api/1/evse_manager_consumer/{Module}/m2e/get_evse");

        var call = new EvseManagerClient(client, Module).GetEvseAsync();
        await requests.NextAsync();
        pair.Time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<EverestRequestTimeoutException>(() => Eventually.WithCapAsync(call, "the timeout"));
    }

    [Fact]
    public async Task A_cancelled_request_is_cancelled_not_timed_out()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();
        using var requests = await TopicRecorder.StartAsync(pair.Everest, $"everest_api/1/evse_manager_consumer/{Module}/m2e/force_unlock");
        using var cancellation = new CancellationTokenSource();

        var call = new EvseManagerClient(client, Module).ForceUnlockAsync(1, cancellation.Token);
        await requests.NextAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.WithCapAsync(call, "the cancellation"));
        Assert.Equal(0, client.TimedOutRequests);
        Assert.Equal(0, client.PendingRequests);
    }

    [Fact]
    public async Task A_reply_that_does_not_decode_fails_the_request_clearly()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();
        using var requests = await TopicRecorder.StartAsync(pair.Everest, $"everest_api/1/evse_manager_consumer/{Module}/m2e/get_evse");

        var call = new EvseManagerClient(client, Module).GetEvseAsync();
        var request = await requests.NextAsync();
        await pair.EverestPublishAsync(JsonNode.Parse(request.Payload.Span)!["headers"]!["replyTo"]!.GetValue<string>(), "\"not an evse\"");

        var exception = await Assert.ThrowsAsync<EverestReplyException>(() => Eventually.WithCapAsync(call, "the failed reply"));
        Assert.Contains("get_evse", exception.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Evse), exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, client.UndecodableReplies);
    }

    [Fact]
    public async Task Fire_and_forget_commands_carry_the_raw_payload_without_an_envelope()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();
        using var commands = await TopicRecorder.StartAsync(pair.Everest, "everest_api/1/+/+/m2e/#");
        var now = pair.Time.GetUtcNow();
        var limits = new ExternalLimits(
            [new ScheduleReqEntry(now, new LimitsReq(AcMaxCurrentA: new NumberWithSource(16, "site")), new LimitsReq())],
            [],
            []);

        await new ExternalEnergyLimitsClient(client, "limits_1").SetExternalLimitsAsync(limits);
        await new SystemClient(client, "sys_1").FirmwareUpdateStatusAsync(new FirmwareUpdateStatus(FirmwareUpdateState.Downloading, 4));
        await new EvseManagerClient(client, Module).RandomDelaySetDurationAsync(300);
        await new EvseManagerClient(client, Module).CancelReservationAsync();

        var limitsMessage = await commands.NextAsync();
        Assert.Equal("everest_api/1/external_energy_limits_consumer/limits_1/m2e/set_external_limits", limitsMessage.Topic);
        var limitsJson = JsonNode.Parse(limitsMessage.Payload.Span)!;
        Assert.Null(limitsJson["headers"]);
        SpecAssert.Valid(Specs.All.Validator.Validate("external_energy_limits_consumer", "set_external_limits", limitsJson));
        Assert.Equal(16, limitsJson["schedule_import"]![0]!["limits_to_root"]!["ac_max_current_A"]!["value"]!.GetValue<double>());

        var status = await commands.NextAsync();
        Assert.Equal("""{"firmware_update_status":"Downloading","request_id":4}""", Encoding.UTF8.GetString(status.Payload.Span));

        var duration = await commands.NextAsync();
        Assert.Equal(("everest_api/1/evse_manager_consumer/evse_api_1/m2e/random_delay_set_duration_s", "300"), (duration.Topic, Encoding.UTF8.GetString(duration.Payload.Span)));

        var cancel = await commands.NextAsync();
        Assert.Equal("everest_api/1/evse_manager_consumer/evse_api_1/m2e/cancel_reservation", cancel.Topic);
        Assert.True(cancel.Payload.IsEmpty);
    }

    [Fact]
    public async Task Replies_are_received_through_one_wildcard_subscription_per_instance()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();
        await client.EnsureReplySubscriptionAsync(EverestApiType.EvseManagerConsumer, Module);

        // A reply for nobody on that instance is a late reply; traffic of other instances is none of our business.
        await pair.EverestPublishAsync($"everest_api/1/evse_manager_consumer/{Module}/e2m/reserve/00000000-0000-0000-0000-000000000000", "true");
        await pair.EverestPublishAsync("everest_api/1/evse_manager_consumer/other/e2m/reserve/1", "true");

        await Eventually.TrueAsync(() => client.LateReplies == 1, "the stray reply to be counted");
    }

    [Fact]
    public async Task Misusing_an_operation_is_a_programming_error_caught_at_the_call()
    {
        await using var pair = await BrokerPair.StartAsync();
        await using var client = pair.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.RequestAsync<bool>(EverestApiType.EvseManagerConsumer, Module, "cancel_reservation"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.RequestAsync<int, string>(EverestApiType.EvseManagerConsumer, Module, "reserve", 1));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(EverestApiType.EvseManagerConsumer, Module, "authorize_response"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(EverestApiType.System, "s", "teleport"));
    }

    [Fact]
    public void Commands_encode_exactly_as_the_contract_describes()
    {
        var body = EverestJson.EncodeRequest("r", new StopTransactionRequest(StopTransactionReason.Remote), typeof(StopTransactionRequest));

        Assert.Equal("""{"headers":{"replyTo":"r"},"payload":{"reason":"Remote"}}""", Encoding.UTF8.GetString(body));
    }

    [GeneratedRegex("^everest_api/1/[a-z_]+/[^/+#]+/e2m/[a-z_]+/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex ReplyToPattern();
}
