namespace Everest.Site.Domain.Evse.History;

/// <summary>A session began: an EV was plugged in or a driver authorized first.</summary>
/// <param name="Reason">EVerest's StartSessionReason, verbatim (<c>EVConnected</c>, <c>Authorized</c>, or a newer value).</param>
public sealed record SessionStarted(
    string SessionUuid,
    DateTimeOffset At,
    string Reason,
    IdToken? IdToken,
    double? MeterWh,
    int? ReservationId) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.session-started.v1";
}
