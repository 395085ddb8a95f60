using System.Collections.Immutable;

namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>A transaction priced: the periods it divides into and the rounded cost by component.</summary>
/// <param name="Tariff">The tariff version used; null when the transaction is unpriced.</param>
public sealed record SessionPrice(Tariff? Tariff, string Currency, ImmutableArray<PricedPeriod> Periods, CostBreakdown Cost);
