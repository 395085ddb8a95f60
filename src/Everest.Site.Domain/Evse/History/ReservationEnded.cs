namespace Everest.Site.Domain.Evse.History;

/// <summary>A reservation ended.</summary>
public sealed record ReservationEnded(int ReservationId, DateTimeOffset At, ReservationEnding How) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.reservation-ended.v1";
}
