namespace Everest.Site.Simulator.Site;

/// <summary>
/// One charger (one EVerest instance): its system, ocpp_consumer and session_cost module ids and its EVSEs.
/// </summary>
public sealed record SimulatedChargerOptions(
    string Id,
    string SystemModuleId,
    string OcppModuleId,
    string SessionCostModuleId,
    IReadOnlyList<SimulatedEvseOptions> Evses)
{
    /// <summary>
    /// Whether this charger's EVerest loads an ocpp_consumer API module. One that does not (the controller's configuration
    /// names none) publishes nothing there and waits for no communication check on it, so no fault is raised that
    /// nobody could clear.
    /// </summary>
    public bool PlaysOcpp { get; init; } = true;

    /// <summary>Whether this charger's EVerest loads a session_cost API module (see <see cref="PlaysOcpp"/>).</summary>
    public bool PlaysSessionCost { get; init; } = true;
}
