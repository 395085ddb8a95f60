using Everest.Site.Billing.Projection;
using Everest.Site.Domain.Billing.Cdrs;

namespace Everest.Site.Http;

/// <summary>A transaction as <c>GET /api/sessions</c> shows it: running (cost so far) or finished (its CDR).</summary>
/// <param name="Status"><c>live</c> or <c>finished</c>.</param>
/// <param name="CdrId">The finished transaction's original CDR; for a live one, the id its CDR will get.</param>
public sealed record BillingSessionView(
    string Status,
    string EvseId,
    string EvseConfigId,
    string ChargerId,
    string SessionUuid,
    string? CsmsTransactionId,
    string IdToken,
    string IdTokenType,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    decimal EnergyWh,
    double ChargingTimeS,
    double IdleTimeS,
    int SitePauseCount,
    string? TariffId,
    int? TariffVersion,
    string Currency,
    decimal TotalCost,
    string CdrId)
{
    public static BillingSessionView Of(ChargeDetailRecord record, bool live)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new BillingSessionView(
            live ? "live" : "finished",
            record.Evse.EvseId,
            record.Evse.ConfiguredId,
            record.Evse.ChargerId,
            record.SessionUuid,
            record.CsmsTransactionId,
            record.IdToken.Value,
            record.IdToken.Type,
            record.StartedAt,
            live ? null : record.StoppedAt,
            record.EnergyWh,
            record.ChargingTime.TotalSeconds,
            record.IdleTime.TotalSeconds,
            record.SitePauseCount,
            record.TariffId,
            record.TariffVersion,
            record.Currency,
            record.Cost.Total,
            record.Id);
    }
}

/// <summary>The answer of <c>GET /api/sessions</c>: running transactions, finished ones, and how current the read model is.</summary>
public sealed record BillingSessionsView(IReadOnlyList<BillingSessionView> Live, IReadOnlyList<BillingSessionView> Finished, ProjectionLag? Projection);

/// <summary>The body of <c>POST /api/sessions/{sessionUuid}/corrections</c>.</summary>
/// <param name="Kind"><c>free</c>, <c>reprice</c> or <c>void</c>.</param>
/// <param name="TariffId">For <c>reprice</c>: the tariff that prices the replacement.</param>
public sealed record BillingCorrectionBody(string? Kind, string? TariffId, string? Reason, string? By);

/// <summary>The answer to a stored correction: the event, and where its CDRs appear once projected.</summary>
public sealed record BillingCorrectionView(string SessionUuid, DateTimeOffset At, string Kind, string? TariffId, string Reason, string? By, string Cdrs);
