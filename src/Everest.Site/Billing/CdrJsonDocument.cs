namespace Everest.Site.Billing;

/// <summary>One CDR in our JSON export (snake_case names; see docs/billing.md).</summary>
internal sealed record CdrJsonDocument(
    string Id,
    string Kind,
    string? ReferencedCdrId,
    string? Remark,
    string SiteId,
    string ChargerId,
    string EvseId,
    string EvseConfigId,
    string ConnectorId,
    string SessionUuid,
    string? CsmsTransactionId,
    CdrJsonToken IdToken,
    string? TokenGroup,
    int? ReservationId,
    string Start,
    string Stop,
    decimal DurationS,
    decimal MeterStartWh,
    decimal MeterStopWh,
    decimal EnergyWh,
    decimal ChargingTimeS,
    decimal IdleTimeS,
    decimal BillableIdleTimeS,
    int SitePauseCount,
    decimal SitePauseS,
    string? StopReason,
    bool Reconciled,
    string? TariffId,
    int? TariffVersion,
    string Currency,
    CdrJsonCost Cost,
    IReadOnlyList<CdrJsonPeriod> Periods,
    CdrJsonOcmf Ocmf,
    string IssuedAt);

internal sealed record CdrJsonToken(string Value, string Type);

internal sealed record CdrJsonCost(decimal Energy, decimal Time, decimal SessionFee, decimal Idle, decimal Total);

internal sealed record CdrJsonRates(decimal EnergyPerKwh, decimal TimePerHour, decimal IdlePerMinute);

internal sealed record CdrJsonPeriod(
    string Start,
    string End,
    string Phase,
    decimal EnergyWh,
    decimal ChargingTimeS,
    decimal IdleTimeS,
    decimal BillableIdleTimeS,
    CdrJsonRates Rates,
    decimal EnergyCost,
    decimal TimeCost,
    decimal IdleCost);

internal sealed record CdrJsonOcmf(string Verdict, string Detail, string? PublicKey, CdrJsonSignedValue? SignedStart, CdrJsonSignedValue? SignedEnd);

internal sealed record CdrJsonSignedValue(string SignedMeterData, string SigningMethod, string EncodingMethod, string? PublicKey);
