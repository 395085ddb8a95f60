namespace Everest.Site.Simulator.Site;

/// <summary>
/// One charger (one EVerest instance): its system, ocpp_consumer and session_cost module ids and its EVSEs.
/// </summary>
public sealed record SimulatedChargerOptions(
    string Id,
    string SystemModuleId,
    string OcppModuleId,
    string SessionCostModuleId,
    IReadOnlyList<SimulatedEvseOptions> Evses);
