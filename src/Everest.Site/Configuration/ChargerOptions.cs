using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>One entry of <c>chargers</c>: a charging station (one EVerest instance) and its EVSEs.</summary>
public sealed class ChargerOptions
{
    public string Id { get; set; } = "";

    /// <summary>Module id of the charger's system API instance (firmware, logs, reset).</summary>
    [ConfigurationKeyName("system-module-id")]
    public string SystemModuleId { get; set; } = "";

    public List<EvseOptions> Evses { get; set; } = [];
}
