using System.Collections.Immutable;

namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>What one EVSE's history holds for billing: its finished transactions in order, and the running one.</summary>
public sealed record SessionHistory(ImmutableArray<ChargingSession> Finished, ChargingSession? Live);
