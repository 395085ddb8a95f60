namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// A stretch <c>[Start, End)</c> of a transaction over which nothing price-relevant changed: one phase, one set of
/// rates, and wholly before or wholly after the end of the idle grace period (OCPI's charging period). Costs are
/// exact (unrounded); the CDR rounds their sums once per component.
/// </summary>
/// <param name="EnergyWh">Energy charged in the period (meter readings, interpolated linearly in time at the period edges).</param>
/// <param name="ChargingTime">Time with energy flowing (the whole period, or nothing).</param>
/// <param name="IdleTime">Time plugged in without charging (the whole period, or nothing).</param>
/// <param name="BillableIdleTime">The part of <paramref name="IdleTime"/> charged at the idle price: EV idle after the grace period.</param>
public sealed record PricedPeriod(
    DateTimeOffset Start,
    DateTimeOffset End,
    Sessions.SessionPhase Phase,
    decimal EnergyWh,
    TimeSpan ChargingTime,
    TimeSpan IdleTime,
    TimeSpan BillableIdleTime,
    TariffRates Rates,
    decimal EnergyCost,
    decimal TimeCost,
    decimal IdleCost)
{
    public TimeSpan Duration => End - Start;
}
