using Everest.Site.Configuration;
using Everest.Site.EverestApi;

namespace Everest.Site.Hosting;

/// <summary>The EVerest API instances a site configuration names, each once.</summary>
public static class ApiInstances
{
    /// <summary>
    /// Every instance the controller talks to, so every one that needs the communication check: each EVSE's
    /// evse_manager_consumer and external_energy_limits_consumer, each charger's system, and the ocpp_consumer
    /// and session_cost instances EVSEs name.
    /// </summary>
    public static IReadOnlyList<(EverestApiType Api, string ModuleId)> InUse(EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var instances = new List<(EverestApiType, string)>();
        foreach (var charger in options.Chargers)
        {
            instances.Add((EverestApiType.System, charger.SystemModuleId));
            foreach (var evse in charger.Evses)
            {
                instances.Add((EverestApiType.EvseManagerConsumer, evse.ModuleId));
                AddIfSet(instances, EverestApiType.ExternalEnergyLimitsConsumer, evse.EnergyLimitsModuleId);
                AddIfSet(instances, EverestApiType.OcppConsumer, evse.OcppModuleId);
                AddIfSet(instances, EverestApiType.SessionCost, evse.SessionCostModuleId);
            }
        }

        return [.. instances.Distinct()];
    }

    /// <summary>The instances that send us requests (system, ocpp_consumer), whose requests the controller answers.</summary>
    public static IReadOnlyList<(EverestApiType Api, string ModuleId)> Answered(EverestSiteOptions options) =>
        [.. InUse(options).Where(i => i.Api is EverestApiType.System or EverestApiType.OcppConsumer)];

    private static void AddIfSet(List<(EverestApiType, string)> instances, EverestApiType api, string? moduleId)
    {
        if (!string.IsNullOrEmpty(moduleId))
        {
            instances.Add((api, moduleId));
        }
    }
}
