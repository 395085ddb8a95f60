using Everest.Site.Domain.Billing.Cdrs;

namespace Everest.Site.Billing.Projection;

/// <summary>One row of <c>billing_correction</c>: a correction and its journal offset (which orders corrections).</summary>
public sealed record ProjectedCorrection(long Ordering, SessionCorrected Correction);
