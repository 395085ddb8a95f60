using Everest.Site.Configuration;

namespace Everest.Site.Firmware;

/// <summary>One charger as its system actor sees it: its system API module and its EVSEs.</summary>
public sealed record SystemChargerPlan(string ChargerId, string SystemModuleId, IReadOnlyList<string> EvseIds)
{
    /// <summary>The persistence id (and actor name) of the charger's system actor.</summary>
    public string PersistenceId => PersistenceIdOf(ChargerId);

    public static string PersistenceIdOf(string chargerId) => $"system-{chargerId}";

    public static IReadOnlyList<SystemChargerPlan> From(EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. options.Chargers.Select(c => new SystemChargerPlan(c.Id, c.SystemModuleId, [.. c.Evses.Select(e => e.Id)]))];
    }
}
