using Everest.Site.Simulator.Site;

namespace Everest.Site.Simulator.Tests.Site;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void A_site_of_N_EVSEs_uses_chargers_of_two_named_like_the_example_configuration()
    {
        var options = SimulatorOptions.ForEvses(5, dcEvery: 5);

        Assert.Equal(3, options.Chargers.Count);
        Assert.Equal(["evse_api_cp1_1", "evse_api_cp1_2"], options.Chargers[0].Evses.Select(e => e.ModuleId));
        Assert.Equal("limits_api_cp3_1", options.Chargers[2].Evses.Single().EnergyLimitsModuleId);
        Assert.Equal("system_api_cp2", options.Chargers[1].SystemModuleId);
        Assert.True(options.Chargers[2].Evses.Single().Hardware.IsDc);
        Assert.Null(options.Validate());
    }

    [Fact]
    public void A_module_id_used_twice_is_refused()
    {
        var options = SimulatorOptions.ForEvses(2);
        var charger = options.Chargers[0];
        var clash = options with { Chargers = [charger with { OcppModuleId = charger.SystemModuleId }] };

        Assert.Contains("used twice", clash.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_id_that_cannot_be_a_topic_segment_is_refused()
    {
        var charger = SimulatorOptions.ForEvses(1).Chargers[0];
        var bad = new SimulatorOptions { Chargers = [charger with { SystemModuleId = "system/+" }] };

        Assert.Contains("cannot be a module id", bad.Validate(), StringComparison.Ordinal);
    }
}
