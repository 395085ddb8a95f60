using System.Collections.Immutable;
using Everest.Site.Domain.Billing.Ocmf;
using Everest.Site.Domain.Billing.Tariffs;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>
/// A charge detail record: one finished transaction, where and by whom, what the meter says (with the OCMF values
/// exactly as received and the verdict on them), how its time divides, and what it costs by the tariff version it
/// names. Immutable once issued: a correction issues a <see cref="CdrKind.Credit"/> and a
/// <see cref="CdrKind.Replacement"/>. In a credit every amount, energy and time is negated, so that any column of an
/// original and its credit adds up to zero.
/// </summary>
/// <param name="Id">Unique and deterministic (see <see cref="CdrIds"/>).</param>
/// <param name="ReferencedCdrId">A credit: the CDR it cancels. A replacement: the CDR it replaces. Else null.</param>
/// <param name="Remark">A correction's reason; null for an original.</param>
/// <param name="TokenGroup">The token group whose tariff priced it; null for the default tariff.</param>
/// <param name="SitePauseDuration">Part of <paramref name="IdleTime"/> caused by our site controller pausing; never billed as idle.</param>
/// <param name="BillableIdleTime">Idle time charged at the idle price (EV idle after the grace period).</param>
/// <param name="Ocmf">The verdict on <paramref name="SignedStart"/> and <paramref name="SignedEnd"/>.</param>
/// <param name="TariffId">The tariff that priced it; null when unpriced.</param>
/// <param name="IssuedAt">The transaction stop for an original; the correction time for a credit or replacement.</param>
public sealed record ChargeDetailRecord(
    string Id,
    CdrKind Kind,
    string? ReferencedCdrId,
    string? Remark,
    CdrEvse Evse,
    string SessionUuid,
    string? CsmsTransactionId,
    IdToken IdToken,
    string? TokenGroup,
    int? ReservationId,
    DateTimeOffset StartedAt,
    DateTimeOffset StoppedAt,
    decimal MeterStartWh,
    decimal MeterStopWh,
    decimal EnergyWh,
    TimeSpan ChargingTime,
    TimeSpan IdleTime,
    TimeSpan BillableIdleTime,
    int SitePauseCount,
    TimeSpan SitePauseDuration,
    string? StopReason,
    SignedMeterValue? SignedStart,
    SignedMeterValue? SignedEnd,
    string? OcmfPublicKey,
    OcmfCheck Ocmf,
    bool Reconciled,
    string? TariffId,
    int? TariffVersion,
    string Currency,
    CostBreakdown Cost,
    ImmutableArray<PricedPeriod> Periods,
    DateTimeOffset IssuedAt)
{
    public TimeSpan Duration => StoppedAt - StartedAt;
}
