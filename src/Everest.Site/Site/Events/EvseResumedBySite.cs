using Everest.Site.Domain;

namespace Everest.Site.Site.Events;

/// <summary>The site let a paused or held EVSE charge again, at <paramref name="CurrentA"/> per phase, and why.</summary>
public sealed record EvseResumedBySite(string EvseId, DateTimeOffset At, double CurrentA, string Reason) : ISiteEvent, IVersionedEvent
{
    public static string Manifest => "site.evse-resumed.v1";
}
