namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>
/// An operator corrected the billing of a transaction. Following OCPI, the CDR already issued stays as it is: the
/// correction yields a credit CDR cancelling it and, unless voided, a replacement CDR.
/// </summary>
/// <param name="SessionUuid">The transaction's session uuid (the correction applies to its current CDR).</param>
/// <param name="At">When the correction was made; the credit and replacement carry it as their issue time.</param>
/// <param name="TariffId">The tariff that prices the replacement; required for <see cref="CorrectionKind.Reprice"/>, else ignored.</param>
/// <param name="Reason">Why, in the operator's words (exported as the CDR remark).</param>
/// <param name="By">Who made the correction, when known.</param>
public sealed record SessionCorrected(string SessionUuid, DateTimeOffset At, CorrectionKind Kind, string? TariffId, string Reason, string? By)
    : IVersionedEvent
{
    public static string Manifest => "billing.session-corrected.v1";
}
