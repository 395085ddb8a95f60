namespace Everest.Site.Domain.Evse.History;

/// <summary>
/// A transaction ended: the record billing closes a charge detail record with.
/// </summary>
/// <param name="Reason">EVerest's StopTransactionReason verbatim, when reported.</param>
/// <param name="MeterWh">The meter at the end; when <paramref name="Reconciled"/>, the best value known to us.</param>
/// <param name="Reconciled">True when the transaction ended while we were not listening and we closed it afterwards.</param>
public sealed record TransactionFinished(
    string SessionUuid,
    DateTimeOffset At,
    string? Reason,
    double MeterWh,
    SignedMeterValue? SignedStart,
    SignedMeterValue? SignedEnd,
    string? OcmfPublicKey,
    bool Reconciled = false) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.transaction-finished.v1";
}
