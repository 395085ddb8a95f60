using System.Text;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.GroundTruth;
using Everest.Site.Simulator.Site;
using Microsoft.Extensions.Time.Testing;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Tests.Site;

/// <summary>
/// What the simulated EVerest does about the real world while its time runs faster: it keeps its QoS 1 publications
/// across its broker's outages, and it counts the communication timeout on the wall clock.
/// </summary>
public sealed class SiteSimulatorOutageTests : SimulatorOnInMemoryBrokerTest
{
    private const string SessionEvents = "everest_api/1/evse_manager_consumer/evse_api_cp1_1/e2m/session_event";

    private readonly FakeTimeProvider _simulated = new(Start);
    private readonly FakeTimeProvider _wall = new(Start);

    protected override SiteSimulator CreateSimulator(IMqttTransport transport) =>
        new(SimulatorOptions.ForEvses(1, dcEvery: 0), transport, _simulated, wallClock: _wall);

    [Fact]
    public async Task Session_events_of_a_whole_session_played_while_theBroker_is_down_reach_it_in_order_once_it_is_back()
    {
        Broker.Stop();
        await Simulator.ScheduleArrivalAsync(new PlannedSession(Start.AddSeconds(1), Start.AddMinutes(40), 5_000, 16, 3) { EvseModuleId = "evse_api_cp1_1" });
        for (var i = 0; i < 45; i++)
        {
            await AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        Assert.True(Simulator.WaitingForBroker > 0);
        Assert.Empty(Events());

        Broker.Start();
        await AdvanceAsync(TimeSpan.FromSeconds(1));

        await Eventually.HoldsAsync(() => Events().Contains("SessionFinished"), "the kept session events to arrive");
        var events = Events();
        Assert.Equal(["SessionStarted", "AuthRequired", "Authorized", "TransactionStarted"], events.Take(4));
        Assert.Equal(1, events.Count(e => e == "TransactionFinished"));
        Assert.True(events.IndexOf("TransactionFinished") < events.IndexOf("SessionFinished"));
        Assert.Equal(0, Simulator.WaitingForBroker);
    }

    [Fact]
    public void The_outbox_keeps_qos_1_in_order_skips_qos_0_returns_failures_in_front_and_drops_the_oldest_beyond_its_capacity()
    {
        var outbox = new PublishOutbox(capacity: 3);
        Assert.True(outbox.Keep(Message("a")));
        Assert.False(outbox.Keep(Message("powermeter", MqttQos.AtMostOnce)));
        Assert.True(outbox.Keep(Message("b")));
        outbox.Return([Message("x"), Message("y", MqttQos.AtMostOnce), Message("z")]);

        Assert.Equal(1, outbox.SkippedAtMostOnce);
        Assert.Equal(1, outbox.Dropped);
        Assert.Equal(["z", "a", "b"], outbox.TakeAll().Select(m => m.Topic));
        Assert.Equal(0, outbox.Count);

        static MqttMessage Message(string topic, MqttQos qos = MqttQos.AtLeastOnce) => new(topic, Array.Empty<byte>(), qos);
    }

    [Fact]
    public async Task The_communication_check_timeout_counts_on_the_wall_clock_while_simulated_time_runs_sixty_times_faster()
    {
        var check = "everest_api/1/evse_manager_consumer/evse_api_cp1_1/m2e/communication_check";
        await Controller.PublishAsync(new MqttMessage(check, Encoding.UTF8.GetBytes("true"), MqttQos.AtLeastOnce));
        await Eventually.HoldsAsync(() => Faults().Any(f => f.AtStartup && f.ClearedAt is not null), "the start-up fault to clear");

        // Four real seconds, four simulated minutes: a controller checking every two real seconds is on time.
        for (var i = 0; i < 4; i++)
        {
            _wall.Advance(TimeSpan.FromSeconds(1));
            await AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        Assert.DoesNotContain(Faults(), f => !f.AtStartup);

        _wall.Advance(TimeSpan.FromSeconds(2));
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Single(Faults(), f => !f.AtStartup);

        IReadOnlyList<CommunicationFault> Faults() =>
            [.. Simulator.GroundTruth.CommunicationFaults.Where(f => f.ModuleId == "evse_api_cp1_1")];
    }

    private List<string> Events() =>
        [.. Received.Where(m => m.Topic == SessionEvents).Select(m => EverestJson.Decode<Wire.SessionEvent>(m.Payload.Span).Event.Value!)];

    private async Task AdvanceAsync(TimeSpan by)
    {
        _simulated.Advance(by);
        await Simulator.AdvanceAsync();
    }
}
