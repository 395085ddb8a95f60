using Everest.Site.Simulator.GroundTruth;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// The comparison the crash tests end with must fail them when a session is lost, recorded twice, put on another EVSE,
/// billed with other energy, or invented: each case here is one such record against a ground truth of three sessions.
/// </summary>
public sealed class GroundTruthCheckTests
{
    private static readonly Dictionary<string, string> EvseIdByModule = new(StringComparer.Ordinal)
    {
        ["evse_api_cp_1_1"] = "cp-1-1",
        ["evse_api_cp_1_2"] = "cp-1-2",
    };

    private static readonly SessionTruth[] Truth =
    [
        Session("s-1", "evse_api_cp_1_1", meterStartMilliWh: 1_000_000, meterStopMilliWh: 13_500_000),
        Session("s-2", "evse_api_cp_1_2", meterStartMilliWh: 0, meterStopMilliWh: 7_250_500),
        Session("s-3", "evse_api_cp_1_1", meterStartMilliWh: 13_500_000, meterStopMilliWh: 20_000_000),
    ];

    private static readonly RecordedTransaction[] Exact =
    [
        new("s-1", "cp-1-1", 12_500),
        new("s-2", "cp-1-2", 7_250.9),
        new("s-3", "cp-1-1", 6_500),
    ];

    [Fact]
    public void Every_session_recorded_once_on_its_evse_with_its_energy_within_1_Wh_matches()
    {
        var comparison = GroundTruthCheck.Compare("the record", Truth, Exact, EvseIdByModule);

        Assert.Equal(new GroundTruthComparison(3, 3, 0, 0, 0, []), comparison with { Problems = [] });
        Assert.Empty(comparison.Problems);
    }

    [Fact]
    public void A_lost_session_is_counted_lost_and_named()
    {
        var comparison = GroundTruthCheck.Compare("the record", Truth, Exact[..2], EvseIdByModule);

        Assert.Equal((3, 2, 1, 0, 0), (comparison.Expected, comparison.Matched, comparison.Lost, comparison.Duplicated, comparison.Unknown));
        Assert.Equal(["session s-3 on cp-1-1: not in the record"], comparison.Problems);
    }

    [Fact]
    public void A_session_recorded_twice_is_counted_duplicated_even_with_the_right_energy_each_time()
    {
        var comparison = GroundTruthCheck.Compare("the record", Truth, [.. Exact, Exact[1]], EvseIdByModule);

        Assert.Equal((3, 2, 0, 1, 0), (comparison.Expected, comparison.Matched, comparison.Lost, comparison.Duplicated, comparison.Unknown));
        Assert.Equal(["session s-2 on cp-1-2: 2 times in the record"], comparison.Problems);
    }

    [Theory]
    [InlineData("cp-1-2", 12_500.0, "session s-1 on cp-1-1: in the record on cp-1-2")]
    [InlineData("cp-1-1", 12_501.5, "session s-1 on cp-1-1: 12501.5 Wh in the record, simulator 12500 Wh")]
    [InlineData("cp-1-1", null, "session s-1 on cp-1-1: incomplete in the record")]
    public void A_session_on_another_evse_or_with_other_or_no_energy_is_counted_lost(string evseId, double? energyWh, string problem)
    {
        var comparison = GroundTruthCheck.Compare("the record", Truth, [Exact[0] with { EvseId = evseId, EnergyWh = energyWh }, .. Exact[1..]], EvseIdByModule);

        Assert.Equal((3, 2, 1, 0, 0), (comparison.Expected, comparison.Matched, comparison.Lost, comparison.Duplicated, comparison.Unknown));
        Assert.Equal([problem], comparison.Problems);
    }

    [Fact]
    public void A_transaction_the_simulator_never_ran_is_counted_unknown()
    {
        var comparison = GroundTruthCheck.Compare("the record", Truth, [.. Exact, new("s-9", "cp-1-1", 100)], EvseIdByModule);

        Assert.Equal((3, 3, 0, 0, 1), (comparison.Expected, comparison.Matched, comparison.Lost, comparison.Duplicated, comparison.Unknown));
        Assert.Equal(["the record has a transaction s-9 that the simulator never ran"], comparison.Problems);
    }

    private static SessionTruth Session(string uuid, string module, long meterStartMilliWh, long meterStopMilliWh) => new()
    {
        SessionUuid = uuid,
        EvseModuleId = module,
        EvseId = "1",
        StartedAt = SiteTestClock.Start,
        MeterStartMilliWh = meterStartMilliWh,
        MeterStopMilliWh = meterStopMilliWh,
    };
}
