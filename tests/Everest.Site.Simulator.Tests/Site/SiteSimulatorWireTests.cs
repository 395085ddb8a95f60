using System.Collections.Concurrent;
using System.Text;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.GroundTruth;
using Everest.Site.Simulator.Site;
using Microsoft.Extensions.Time.Testing;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Tests.Site;

/// <summary>The simulator's MQTT side on the in-memory broker and a manual clock.</summary>
public sealed class SiteSimulatorWireTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly InMemoryBroker _broker = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ConcurrentQueue<MqttMessage> _received = new();
    private InMemoryMqttTransport _simulatorTransport = null!;
    private InMemoryMqttTransport _controller = null!;
    private SiteSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        _simulatorTransport = _broker.CreateClient("simulator");
        _controller = _broker.CreateClient("controller");
        await _simulatorTransport.ConnectAsync();
        await _controller.ConnectAsync();
        _controller.OnMessage(_received.Enqueue);
        await _controller.SubscribeAsync("everest_api/#");
        _simulator = new SiteSimulator(SimulatorOptions.ForEvses(2, dcEvery: 0), _simulatorTransport, _time);
        await _simulator.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        await _controller.DisposeAsync();
        await _simulatorTransport.DisposeAsync();
    }

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
        Assert.DoesNotContain(_received, m => m.Topic == badReplyTo);
        var outcomes = _simulator.GroundTruth.Commands.Select(c => c.Outcome).ToList();
        Assert.Equal([CommandOutcome.DroppedNoReplyTo, CommandOutcome.DroppedUnparseable, CommandOutcome.DroppedUnparseable, CommandOutcome.Replied], outcomes);
        Assert.Equal(3, _simulator.RejectedMessages);
    }

    [Fact]
    public async Task The_communication_fault_is_raised_when_the_controller_goes_quiet_and_cleared_when_it_returns()
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

        IReadOnlyList<CommunicationFault> Faults() =>
            [.. _simulator.GroundTruth.CommunicationFaults.Where(f => f.ModuleId == "evse_api_cp1_1")];
    }

    [Fact]
    public async Task Every_instance_publishes_an_increasing_heartbeat()
    {
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        var topic = "everest_api/1/system/system_api_cp1/e2m/heartbeat";

        await Eventually.HoldsAsync(() => _received.Count(m => m.Topic == topic) >= 3, "three system heartbeats");

        var beats = _received.Where(m => m.Topic == topic).Select(m => EverestJson.Decode<ulong>(m.Payload.Span)).ToList();
        Assert.Equal([0UL, 1UL, 2UL], beats.Take(3));
    }

    [Fact]
    public async Task A_car_plugs_in_charges_and_the_session_events_reach_the_broker_in_order()
    {
        await _simulator.ScheduleArrivalAsync(new PlannedSession(Start.AddSeconds(1), Start.AddMinutes(40), 5_000, 16, 3) { EvseModuleId = "evse_api_cp1_2" });
        for (var i = 0; i < 45; i++)
        {
            await AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        var topic = "everest_api/1/evse_manager_consumer/evse_api_cp1_2/e2m/session_event";
        await Eventually.HoldsAsync(() => Events(topic).Contains("SessionFinished"), "the session to finish");

        Assert.Equal(["SessionStarted", "AuthRequired", "Authorized", "TransactionStarted", "PrepareCharging", "ChargingStarted"], Events(topic).Take(6));
        var session = Assert.Single(_simulator.GroundTruth.Sessions);
        Assert.InRange(session.EnergyWh!.Value, 4_999, 5_100);
        Assert.NotNull(session.CsmsTransactionId);
    }

    [Fact]
    public async Task The_simulator_asks_the_controller_and_records_its_answer()
    {
        _controller.OnMessage(message =>
        {
            if (message.Topic == "everest_api/1/system/system_api_cp1/e2m/get_boot_reason"
                && EverestJson.TryReadEnvelope(message.Payload.Span, out var replyTo, out _, out _))
            {
                _ = _controller.PublishAsync(new MqttMessage(replyTo, Encoding.UTF8.GetBytes("\"PowerUp\"")));
            }
        });

        var reply = await _simulator.AskBootReasonAsync("cp-1");

        Assert.True(reply.Answered);
        Assert.Equal("PowerUp", reply.Value.Value);
        var record = Assert.Single(_simulator.GroundTruth.ReversedRequests);
        Assert.Equal("\"PowerUp\"", record.Reply);
        Assert.StartsWith("everest_api/1/system/system_api_cp1/m2e/reply/", record.ReplyTo, StringComparison.Ordinal);
    }

    private List<string> Events(string topic) =>
        [.. _received.Where(m => m.Topic == topic).Select(m => EverestJson.Decode<Wire.SessionEvent>(m.Payload.Span).Event.Value!)];

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        await _simulator.AdvanceAsync();
    }

    private Task SendAsync(string topic, string body) =>
        _controller.PublishAsync(new MqttMessage(topic, Encoding.UTF8.GetBytes(body), MqttQos.AtLeastOnce));

    private async Task<MqttMessage> ReplyOnAsync(string topic)
    {
        await Eventually.HoldsAsync(() => _received.Any(m => m.Topic == topic), $"a reply on {topic}");
        return _received.First(m => m.Topic == topic);
    }
}
