using System.Text;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.GroundTruth;
using Everest.Site.Simulator.Site;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Tests.Site;

/// <summary>The simulator's MQTT side on the in-memory broker and a manual clock.</summary>
public sealed class SiteSimulatorWireTests : SimulatorOnInMemoryBrokerTest
{

    private readonly FakeTimeProvider _time = new(Start);

    private readonly RecordingLoggerFactory _logs = new();

    protected override SiteSimulator CreateSimulator(IMqttTransport transport) =>
        new(SimulatorOptions.ForEvses(2, dcEvery: 0), transport, _time, loggerFactory: _logs);

    [Fact]
    public async Task A_request_is_answered_with_the_bare_value_on_its_replyTo()
    {
        var replyTo = "everest_api/1/evse_manager_consumer/evse_api_cp1_1/e2m/get_evse/c-1";
        await SendAsync("everest_api/1/evse_manager_consumer/evse_api_cp1_1/m2e/get_evse", "{\"headers\":{\"replyTo\":\"" + replyTo + "\"}}");

        var reply = await ReplyOnAsync(replyTo);

        var evse = EverestJson.Decode<Wire.Evse>(reply.Payload.Span);
        Assert.Equal(1, evse.Id);
        Assert.Equal("sType2", Assert.Single(evse.Connectors).Type!.Value.Value);
    }

    [Fact]
    public async Task A_request_without_replyTo_or_with_a_bad_body_gets_no_reply_and_is_recorded()
    {
        var module = "everest_api/1/evse_manager_consumer/evse_api_cp1_1/m2e/";
        var badReplyTo = "everest_api/1/evse_manager_consumer/evse_api_cp1_1/e2m/reserve/bad";
        await SendAsync(module + "pause_charging", "{\"payload\":null}");
        await SendAsync(module + "reserve", "{\"headers\":{\"replyTo\":\"" + badReplyTo + "\"},\"payload\":\"not a number\"}");
        await SendAsync(module + "reserve", "this is not json");

        // A good request sent afterwards is answered; replies keep their order, so the bad ones got none.
        var goodReplyTo = "everest_api/1/evse_manager_consumer/evse_api_cp1_1/e2m/reserve/good";
        await SendAsync(module + "reserve", "{\"headers\":{\"replyTo\":\"" + goodReplyTo + "\"},\"payload\":5}");
        var reply = await ReplyOnAsync(goodReplyTo);

        Assert.Equal("true", Encoding.UTF8.GetString(reply.Payload.Span));
        Assert.DoesNotContain(Received, m => m.Topic == badReplyTo);
        var outcomes = Simulator.GroundTruth.Commands.Select(c => c.Outcome).ToList();
        Assert.Equal([CommandOutcome.DroppedNoReplyTo, CommandOutcome.DroppedUnparseable, CommandOutcome.DroppedUnparseable, CommandOutcome.Replied], outcomes);
        Assert.Equal(3, Simulator.RejectedMessages);
    }

    [Fact]
    public async Task The_communication_fault_is_raised_when_theController_goes_quiet_and_cleared_when_it_returns()
    {
        var check = "everest_api/1/evse_manager_consumer/evse_api_cp1_1/m2e/communication_check";
        await SendAsync(check, "true");
        await Eventually.HoldsAsync(() => Faults().Any(f => f.AtStartup && f.ClearedAt is not null), "the start-up fault to clear");

        await AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(Faults(), f => !f.AtStartup);

        await AdvanceAsync(TimeSpan.FromSeconds(1));
        var raised = Assert.Single(Faults(), f => !f.AtStartup);
        Assert.Equal(Start.AddSeconds(6), raised.RaisedAt);
        Assert.Null(raised.ClearedAt);

        await SendAsync(check, "true");
        await Eventually.HoldsAsync(() => Faults().Single(f => !f.AtStartup).ClearedAt is not null, "the fault to clear");

        // Whoever saw the warning that it was raised sees that it cleared, at the same level; the fault every instance
        // starts with (no check received yet) was never a warning, so neither is its end.
        var logged = _logs.Entries.Where(e => e.Message.Contains("CommunicationFault", StringComparison.Ordinal) && e.Message.Contains(" evse_api_cp1_1", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [(LogLevel.Information, "cleared"), (LogLevel.Warning, "raised"), (LogLevel.Warning, "cleared")],
            logged.Select(e => (e.Level, e.Message.Contains("cleared", StringComparison.Ordinal) ? "cleared" : "raised")));

        IReadOnlyList<CommunicationFault> Faults() =>
            [.. Simulator.GroundTruth.CommunicationFaults.Where(f => f.ModuleId == "evse_api_cp1_1")];
    }

    [Fact]
    public async Task Every_instance_publishes_an_increasing_heartbeat()
    {
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        var topic = "everest_api/1/system/system_api_cp1/e2m/heartbeat";

        await Eventually.HoldsAsync(() => Received.Count(m => m.Topic == topic) >= 3, "three system heartbeats");

        var beats = Received.Where(m => m.Topic == topic).Select(m => EverestJson.Decode<ulong>(m.Payload.Span)).ToList();
        Assert.Equal([0UL, 1UL, 2UL], beats.Take(3));
    }

    [Fact]
    public async Task A_car_plugs_in_charges_and_the_session_events_reach_theBroker_in_order()
    {
        await Simulator.ScheduleArrivalAsync(new PlannedSession(Start.AddSeconds(1), Start.AddMinutes(40), 5_000, 16, 3) { EvseModuleId = "evse_api_cp1_2" });
        for (var i = 0; i < 45; i++)
        {
            await AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        var topic = "everest_api/1/evse_manager_consumer/evse_api_cp1_2/e2m/session_event";
        await Eventually.HoldsAsync(() => Events(topic).Contains("SessionFinished"), "the session to finish");

        Assert.Equal(["SessionStarted", "AuthRequired", "Authorized", "TransactionStarted", "PrepareCharging", "ChargingStarted"], Events(topic).Take(6));
        var session = Assert.Single(Simulator.GroundTruth.Sessions);
        Assert.InRange(session.EnergyWh!.Value, 4_999, 5_100);
        Assert.NotNull(session.CsmsTransactionId);
    }

    [Fact]
    public async Task TheSimulator_asks_theController_and_records_its_answer()
    {
        Controller.OnMessage(message =>
        {
            if (message.Topic == "everest_api/1/system/system_api_cp1/e2m/get_boot_reason"
                && EverestJson.TryReadEnvelope(message.Payload.Span, out var replyTo, out _, out _))
            {
                _ = Controller.PublishAsync(new MqttMessage(replyTo, Encoding.UTF8.GetBytes("\"PowerUp\"")));
            }
        });

        var reply = await Simulator.AskBootReasonAsync("cp-1");

        Assert.True(reply.Answered);
        Assert.Equal("PowerUp", reply.Value.Value);
        var record = Assert.Single(Simulator.GroundTruth.ReversedRequests);
        Assert.Equal("\"PowerUp\"", record.Reply);
        Assert.StartsWith("everest_api/1/system/system_api_cp1/m2e/reply/", record.ReplyTo, StringComparison.Ordinal);
    }

    private List<string> Events(string topic) =>
        [.. Received.Where(m => m.Topic == topic).Select(m => EverestJson.Decode<Wire.SessionEvent>(m.Payload.Span).Event.Value!)];

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        await Simulator.AdvanceAsync();
    }

    private Task SendAsync(string topic, string body) =>
        Controller.PublishAsync(new MqttMessage(topic, Encoding.UTF8.GetBytes(body), MqttQos.AtLeastOnce));

    private async Task<MqttMessage> ReplyOnAsync(string topic)
    {
        await Eventually.HoldsAsync(() => Received.Any(m => m.Topic == topic), $"a reply on {topic}");
        return Received.First(m => m.Topic == topic);
    }
}
