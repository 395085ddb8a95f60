using Everest.Site.Domain;

namespace Everest.Site.Site.Events;

/// <summary>A reservation the site made is over, and how it ended.</summary>
public sealed record ReservationClosed(int ReservationId, string EvseId, DateTimeOffset At, ReservationOutcome Outcome) : ISiteEvent, IVersionedEvent
{
    public static string Manifest => "site.reservation-closed.v1";
}
