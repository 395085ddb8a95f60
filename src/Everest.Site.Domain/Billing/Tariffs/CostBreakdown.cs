namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// What a transaction costs, by component, each rounded to the currency's minor unit; <see cref="Total"/> is their sum.
/// </summary>
/// <param name="Energy">kWh charged times the energy price(s).</param>
/// <param name="Time">Hours of charging times the time price(s).</param>
/// <param name="SessionFee">The fixed fee per transaction.</param>
/// <param name="Idle">Billable idle minutes after the grace period times the idle price(s).</param>
public sealed record CostBreakdown(decimal Energy, decimal Time, decimal SessionFee, decimal Idle)
{
    public static CostBreakdown Zero { get; } = new(0, 0, 0, 0);

    public decimal Total => Energy + Time + SessionFee + Idle;

    /// <summary>The same amounts with the opposite sign (a credit).</summary>
    public CostBreakdown Negate() => new(-Energy, -Time, -SessionFee, -Idle);
}
