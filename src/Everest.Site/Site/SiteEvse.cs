using Everest.Site.Domain.Allocation;

namespace Everest.Site.Site;

/// <summary>
/// How one configured EVSE is wired and controlled, as the site actor needs it: its circuit, phase rotation and
/// priority, whether it has an external_energy_limits_consumer module (current control) or only
/// evse_manager_consumer (on/off control with pause and resume), and its configured current cap.
/// </summary>
/// <param name="ConfiguredMaxCurrentA">The EVSE's cap from configuration (A per phase); null: whatever the EVSE reports.</param>
public sealed record SiteEvse(
    string EvseId,
    string CircuitId,
    string StationId,
    PhaseRotation Rotation,
    int Priority,
    bool HasEnergyLimits,
    double? ConfiguredMaxCurrentA)
{
    /// <summary>Its place among its charger's EVSEs in configuration (1 for the first): its OCPP EVSE number until EVerest tells it (<c>get_evse</c>).</summary>
    public int NumberInCharger { get; init; } = 1;
}
