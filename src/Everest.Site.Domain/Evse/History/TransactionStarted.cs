namespace Everest.Site.Domain.Evse.History;

/// <summary>
/// A transaction (the billable part of a session) began.
/// </summary>
/// <param name="Reconciled">True when we did not see it start (the controller was down) and opened it from what EVerest reported later.</param>
public sealed record TransactionStarted(
    string SessionUuid,
    DateTimeOffset At,
    IdToken IdTag,
    double MeterWh,
    int? ReservationId,
    SignedMeterValue? SignedStart,
    bool Reconciled = false) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.transaction-started.v1";
}
