namespace Everest.Site.Domain.Evse.History;

/// <summary>The EVSE was reserved.</summary>
/// <param name="ExpiresAt">When we cancel it if unused; null when the reservation came from elsewhere and has no expiry known to us.</param>
public sealed record ReservationStarted(int ReservationId, DateTimeOffset At, DateTimeOffset? ExpiresAt) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.reservation-started.v1";
}
