using Everest.Site.Domain.Billing.Sessions;

namespace Everest.Site.Billing.Projection;

/// <summary>Where the projection stands in the read model: its offset and every EVSE's fold state at that offset.</summary>
public sealed record ProjectionStart(long Offset, IReadOnlyDictionary<string, BillingHistoryFold> Folds);
