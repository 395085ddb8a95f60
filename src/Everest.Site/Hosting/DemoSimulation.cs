using System.Globalization;
using Everest.Site.Configuration;
using Everest.Site.Simulator.Site;
using SimulatedEvseHardware = Everest.Site.Simulator.Evse.EvseSimulationOptions;
using SiteSimulatorOptions = Everest.Site.Simulator.Site.SimulatorOptions;

namespace Everest.Site.Hosting;

/// <summary>What the simulator plays for a site configuration: the configured chargers and EVSEs, with the same module ids.</summary>
public static class DemoSimulation
{
    /// <summary>
    /// Simulator options for the first <c>simulator.evse-count</c> configured EVSEs (all when null), each under the
    /// module ids the controller listens to, so that the controller meets exactly the EVerest it is configured for.
    /// </summary>
    public static SiteSimulatorOptions OptionsFor(EverestSiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return OptionsFor(site, site.Simulator.EvseCount, site.Simulator.Seed);
    }

    /// <summary>As <see cref="OptionsFor(EverestSiteOptions)"/>, for the first <paramref name="evseCount"/> EVSEs (all when null) and a given seed.</summary>
    public static SiteSimulatorOptions OptionsFor(EverestSiteOptions site, int? evseCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(site);
        var remaining = evseCount ?? int.MaxValue;
        var chargers = new List<SimulatedChargerOptions>();
        var number = 0;
        foreach (var charger in site.Chargers)
        {
            var evses = new List<SimulatedEvseOptions>();
            foreach (var (evse, index) in charger.Evses.Select((e, i) => (e, i)))
            {
                if (remaining-- <= 0)
                {
                    break;
                }

                number++;
                var hardware = new SimulatedEvseHardware
                {
                    EvseNumber = index + 1,
                    EvseId = string.Create(CultureInfo.InvariantCulture, $"DE*SIM*E{number:D4}*1"),
                    MeterSerial = "SIM-" + evse.Id,
                    MaxCurrentA = evse.MaxCurrentA ?? 32,
                };
                evses.Add(new SimulatedEvseOptions(evse.Id, evse.ModuleId, evse.EnergyLimitsModuleId, hardware));
            }

            if (evses.Count == 0)
            {
                break;
            }

            // EVerest runs one OCPP and one session-cost module per charger; the first EVSE that names them decides. A
            // charger whose configuration names none is simulated without it: the controller would never talk to it.
            var ocpp = charger.Evses.Select(e => e.OcppModuleId).FirstOrDefault(id => id is not null);
            var cost = charger.Evses.Select(e => e.SessionCostModuleId).FirstOrDefault(id => id is not null);
            chargers.Add(new SimulatedChargerOptions(charger.Id, charger.SystemModuleId, ocpp ?? "ocpp_api_" + charger.Id, cost ?? "session_cost_api_" + charger.Id, evses)
            {
                PlaysOcpp = ocpp is not null,
                PlaysSessionCost = cost is not null,
            });
        }

        return new SiteSimulatorOptions { Chargers = chargers, Seed = seed };
    }
}
