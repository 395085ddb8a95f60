namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>Which tariff version prices a transaction and why: the token's group, or none (the default tariff).</summary>
/// <param name="Tariff">Null when no tariff applies: the CDR is unpriced (all costs 0, no tariff id).</param>
public sealed record TariffSelection(Tariff? Tariff, string? TokenGroupId);
