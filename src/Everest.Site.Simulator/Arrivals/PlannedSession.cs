namespace Everest.Site.Simulator.Arrivals;

/// <summary>
/// A car that will come: when it arrives and leaves, how much energy its driver wants, and what its on-board
/// charger takes. Optionally it holds a reservation, wants a particular EVSE, or uses a given token.
/// </summary>
public sealed record PlannedSession(
    DateTimeOffset Arrival,
    DateTimeOffset Departure,
    double EnergyWh,
    double MaxCurrentA,
    int Phases)
{
    /// <summary>The driver's token value; a generated one when null.</summary>
    public string? IdTag { get; init; }

    /// <summary>The reservation the driver holds; the car then goes to the EVSE reserved under this id.</summary>
    public int? ReservationId { get; init; }

    /// <summary>
    /// Whether the car tells its departure over ISO 15118 (ev_info <c>departure_time</c>, beside the
    /// <c>remaining_energy_needed</c> every simulated car reports).
    /// </summary>
    public bool AnnouncesDeparture { get; init; }

    /// <summary>The evse_manager module id the car must use; any free EVSE when null.</summary>
    public string? EvseModuleId { get; init; }

    /// <summary>Says what is wrong in words, or null when the session makes sense.</summary>
    public string? Validate() =>
        Departure <= Arrival ? "departure must be after arrival"
        : EnergyWh is < 0 or double.NaN ? "energy must not be negative"
        : MaxCurrentA is <= 0 or double.NaN ? "max current must be positive"
        : Phases is not (1 or 2 or 3) ? "phases must be 1, 2 or 3"
        : null;
}
