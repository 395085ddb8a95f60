using Everest.Site.Configuration;

namespace Everest.Site.Tests;

/// <summary>Configuration keys come from the options classes, so the validator never spells one.</summary>
public sealed class OptionKeysTests
{
    private static readonly EverestSiteOptions Options = new()
    {
        Chargers =
        [
            new ChargerOptions { Id = "cp-1", Evses = [new EvseOptions { Id = "e-1" }] },
            new ChargerOptions { Id = "cp-2", Evses = [new EvseOptions { Id = "e-2", EnergyLimitsModuleId = "limits-2", MaxCurrentA = 16 }] },
        ],
        Simulator = new SimulatorOptions { EvseCount = 7 },
    };

    [Fact]
    public void A_property_path_becomes_its_configuration_key_with_the_names_of_ConfigurationKeyName()
    {
        var (key, value) = OptionKeys.Resolve(Options, x => x.Mqtt.Reconnect.MinDelay);

        Assert.Equal("everest-site:mqtt:reconnect:min-delay", key);
        Assert.Equal(Options.Mqtt.Reconnect.MinDelay, value);
    }

    [Fact]
    public void List_indexes_from_a_loop_variable_become_key_segments_and_select_the_element()
    {
        for (var c = 0; c < Options.Chargers.Count; c++)
        {
            var (key, value) = OptionKeys.Resolve(Options, x => x.Chargers[c].Evses[0].Id);

            Assert.Equal($"everest-site:chargers:{c}:evses:0:id", key);
            Assert.Equal(Options.Chargers[c].Evses[0].Id, value);
        }
    }

    [Fact]
    public void An_optional_value_keeps_the_key_of_its_setting()
    {
        Assert.Equal(("everest-site:simulator:evse-count", 7L), OptionKeys.Resolve<long>(Options, x => x.Simulator.EvseCount!.Value));
        Assert.Equal(("everest-site:chargers:1:evses:0:max-current-a", 16.0), OptionKeys.Resolve(Options, x => x.Chargers[1].Evses[0].MaxCurrentA!.Value));
        Assert.Equal(("everest-site:chargers:1:evses:0:energy-limits-module-id", "limits-2"), OptionKeys.Resolve(Options, x => x.Chargers[1].Evses[0].EnergyLimitsModuleId));
    }

    [Fact]
    public void An_optional_value_with_a_fallback_keeps_the_key_of_its_setting_and_takes_the_fallback_when_unset()
    {
        Assert.Equal(("everest-site:chargers:0:evses:0:max-current-a", 0.0), OptionKeys.Resolve(Options, x => x.Chargers[0].Evses[0].MaxCurrentA ?? 0));
        Assert.Equal(("everest-site:chargers:1:evses:0:max-current-a", 16.0), OptionKeys.Resolve(Options, x => x.Chargers[1].Evses[0].MaxCurrentA ?? 0));
        var fallback = 32.5;
        Assert.Equal(("everest-site:chargers:0:evses:0:max-current-a", 32.5), OptionKeys.Resolve(Options, x => x.Chargers[0].Evses[0].MaxCurrentA ?? fallback));
    }

    [Fact]
    public void A_selector_that_is_not_a_property_path_is_refused()
    {
        Assert.Throws<ArgumentException>(() => OptionKeys.Resolve(Options, x => x.SiteId.Trim()));
    }
}
