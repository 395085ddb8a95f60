using Everest.Site.Domain;

namespace Everest.Site.Site.Events;

/// <summary>EVerest accepted <c>reserve</c> for the EVSE; the site cancels it at <paramref name="ExpiresAt"/> unless it ends before.</summary>
public sealed record ReservationMade(int ReservationId, string EvseId, string Token, DateTimeOffset At, DateTimeOffset ExpiresAt) : ISiteEvent, IVersionedEvent
{
    public static string Manifest => "site.reservation-made.v1";
}
