using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Site;
using Microsoft.Extensions.Time.Testing;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Tests.Site;

/// <summary>
/// A charger whose EVerest loads no ocpp_consumer or session_cost module (the controller's configuration names none):
/// the simulator says nothing there and raises no fault that no communication check could ever clear.
/// </summary>
public sealed class ChargerWithoutOptionalModulesTests : SimulatorOnInMemoryBrokerTest
{

    private readonly FakeTimeProvider _time = new(Start);

    protected override SiteSimulator CreateSimulator(IMqttTransport transport)
    {
        var options = SimulatorOptions.ForEvses(2, dcEvery: 0);
        options = options with { Chargers = [.. options.Chargers.Select(c => c with { PlaysOcpp = false, PlaysSessionCost = false })] };
        return new SiteSimulator(options, transport, _time);
    }

    [Fact]
    public async Task A_session_runs_without_a_word_on_ocpp_or_session_cost_and_no_fault_is_raised_there()
    {
        await Simulator.ScheduleArrivalAsync(new PlannedSession(Start.AddSeconds(1), Start.AddMinutes(30), 3_000, 16, 3) { EvseModuleId = "evse_api_cp1_1" });
        for (var i = 0; i < 35; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await Simulator.AdvanceAsync();
        }

        var sessionTopic = "everest_api/1/evse_manager_consumer/evse_api_cp1_1/e2m/session_event";
        await Eventually.HoldsAsync(
            () => Received.Any(m => m.Topic == sessionTopic && EverestJson.Decode<Wire.SessionEvent>(m.Payload.Span).Event.Value == "SessionFinished"),
            "the session to finish");

        Assert.DoesNotContain(Received, m => m.Topic.Contains("/ocpp_consumer/", StringComparison.Ordinal) || m.Topic.Contains("/session_cost/", StringComparison.Ordinal));
        Assert.DoesNotContain(Simulator.GroundTruth.CommunicationFaults, f => f.Api is "ocpp_consumer" or "session_cost");
        Assert.Contains(Simulator.GroundTruth.CommunicationFaults, f => f.ModuleId == "evse_api_cp1_1");
        Assert.Null(Assert.Single(Simulator.GroundTruth.Sessions).CsmsTransactionId);
    }
}
