using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>One entry of a charger's <c>evses</c>. Defaults here apply when a field is left out.</summary>
public sealed class EvseOptions
{
    public string Id { get; set; } = "";

    /// <summary>Module id of the EVSE's evse_manager_consumer API instance.</summary>
    [ConfigurationKeyName("module-id")]
    public string ModuleId { get; set; } = "";

    /// <summary>Module id of its external_energy_limits_consumer API instance; without one the site can only pause and resume.</summary>
    [ConfigurationKeyName("energy-limits-module-id")]
    public string? EnergyLimitsModuleId { get; set; }

    /// <summary>The circuit it is wired to (a circuit id, or <c>grid</c>; default <c>grid</c>).</summary>
    public string Circuit { get; set; } = CircuitOptions.GridId;

    [ConfigurationKeyName("phase-rotation")]
    public PhaseRotation PhaseRotation { get; set; } = PhaseRotation.L1L2L3;

    /// <summary>Higher numbers are served first when current is short (default 0).</summary>
    public int Priority { get; set; }

    /// <summary>The EVSE's own current limit in amperes; null means whatever the EVSE reports.</summary>
    [ConfigurationKeyName("max-current-a")]
    public double? MaxCurrentA { get; set; }

    /// <summary>Module id of the ocpp_consumer API instance (may be shared by the EVSEs of one charger).</summary>
    [ConfigurationKeyName("ocpp-module-id")]
    public string? OcppModuleId { get; set; }

    /// <summary>Module id of the session_cost API instance (may be shared by the EVSEs of one charger).</summary>
    [ConfigurationKeyName("session-cost-module-id")]
    public string? SessionCostModuleId { get; set; }
}
