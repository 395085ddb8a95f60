namespace Everest.Site.Domain.Allocation;

/// <summary>
/// When the car leaves and how much energy it still needs (ISO 15118 <c>departure_time</c> and
/// <c>remaining_energy_needed</c>, or given by the operator). Cars with a goal are served so that as many as
/// possible leave with their energy.
/// </summary>
public sealed record ChargingGoal(DateTimeOffset DepartureAt, double EnergyNeededWh);
