using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.Site;

/// <summary>One EVSE of a simulated charger: its API module ids and its hardware.</summary>
/// <param name="ModuleId">The evse_manager_consumer module id (<c>everest_api/1/evse_manager_consumer/{ModuleId}/…</c>).</param>
/// <param name="EnergyLimitsModuleId">The external_energy_limits_consumer module id, or null when the EVSE has none.</param>
public sealed record SimulatedEvseOptions(string Id, string ModuleId, string? EnergyLimitsModuleId, EvseSimulationOptions Hardware);
