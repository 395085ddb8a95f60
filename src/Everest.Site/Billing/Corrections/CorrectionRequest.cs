namespace Everest.Site.Billing.Corrections;

/// <summary>
/// An operator's correction as the command line or the HTTP API receives it, before validation.
/// </summary>
/// <param name="SessionUuid">The transaction's EVerest session uuid.</param>
/// <param name="Kind"><c>free</c>, <c>reprice</c> or <c>void</c>.</param>
/// <param name="TariffId">For <c>reprice</c>: the tariff that prices the replacement.</param>
/// <param name="Reason">Why (exported as the CDR remark); required, at most 255 characters (OCPI's remark).</param>
/// <param name="By">Who corrects, when known.</param>
public sealed record CorrectionRequest(string? SessionUuid, string? Kind, string? TariffId, string? Reason, string? By);
