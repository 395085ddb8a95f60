namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>The prices in force at one instant, in the tariff book's currency.</summary>
/// <param name="EnergyPerKwh">Price per kWh charged.</param>
/// <param name="TimePerHour">Price per hour of charging (energy flowing).</param>
/// <param name="IdlePerMinute">Price per minute of billable idle time once the grace period is used up.</param>
public sealed record TariffRates(decimal EnergyPerKwh, decimal TimePerHour, decimal IdlePerMinute)
{
    public static TariffRates Free { get; } = new(0, 0, 0);
}
