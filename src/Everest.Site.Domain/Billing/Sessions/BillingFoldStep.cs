using System.Collections.Immutable;

namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>The fold after one event, and the sessions that event finished (usually none, at most two).</summary>
public sealed record BillingFoldStep(BillingHistoryFold State, ImmutableArray<ChargingSession> Finished);
