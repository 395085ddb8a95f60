using Everest.Site.Domain.Evse;

namespace Everest.Site.Evse;

/// <summary>
/// What the site actor needs about one EVSE to allocate current. Published only when it changes.
/// </summary>
/// <param name="State">EVerest's EVSE state verbatim (from session_info), or null before the first one.</param>
/// <param name="PhasesInUse">Phases the EVSE can use now (ac_nr_of_phases_available, else limits, else hardware maximum).</param>
/// <param name="MinCurrentA">The least current per phase the EVSE can offer (hardware capabilities), in A.</param>
/// <param name="MaxCurrentA">The most current per phase the EVSE can offer now, in A.</param>
/// <param name="MeasuredCurrent">Current per phase from the latest powermeter reading, rounded to 0.1 A.</param>
/// <param name="Priority">Configured priority; higher numbers are served first.</param>
/// <param name="SessionStartedAt">Start of the session in progress.</param>
/// <param name="Reservation">The reservation holding the EVSE.</param>
public sealed record EvseStatus(
    string EvseId,
    bool Online,
    bool? Enabled,
    string? State,
    bool TransactionOpen,
    ChargingPhase? ChargingPhase,
    int? PhasesInUse,
    double? MinCurrentA,
    double? MaxCurrentA,
    PhaseCurrents? MeasuredCurrent,
    int Priority,
    DateTimeOffset? SessionStartedAt,
    ActiveReservation? Reservation)
{
    /// <summary>
    /// The most current per phase the EVSE's hardware can offer, in A. Unlike <see cref="MaxCurrentA"/> it does not
    /// follow the limits the site itself sets, so the site can raise an EVSE it lowered.
    /// </summary>
    public double? HardwareMaxCurrentA { get; init; }

    /// <summary>The car's own highest AC current per phase (ev_info <c>maximum_current_limit</c>), in A; null when it reported none in this session.</summary>
    public double? EvMaxCurrentA { get; init; }

    /// <summary>When the car leaves, as it said (ISO 15118 ev_info <c>departure_time</c>); null when unknown.</summary>
    public DateTimeOffset? DepartureAt { get; init; }

    /// <summary>The energy the car still needs (ev_info <c>remaining_energy_needed</c>), in Wh; null when unknown.</summary>
    public double? EnergyNeededWh { get; init; }

    /// <summary>The meter's import register (powermeter <c>energy_Wh_import.total</c>), rounded to 100 Wh, while a car is there; null otherwise.</summary>
    public double? ImportedWh { get; init; }

    /// <summary>The EVSE's number on its charger (<c>get_evse</c> <c>id</c>, the one OCPP uses); null until EVerest answered.</summary>
    public int? EvseNumber { get; init; }
}
