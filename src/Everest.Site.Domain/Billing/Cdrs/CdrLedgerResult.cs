using System.Collections.Immutable;

namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>The CDRs issued, and the corrections that named no known transaction.</summary>
public sealed record CdrLedgerResult(ImmutableArray<ChargeDetailRecord> Records, ImmutableArray<SessionCorrected> Unmatched);
