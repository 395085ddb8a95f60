using Everest.Site.Domain;

namespace Everest.Site.Site.Events;

/// <summary>The site paused an EVSE (pause_charging accepted, or its current held below the car's minimum), and why.</summary>
public sealed record EvsePausedBySite(string EvseId, DateTimeOffset At, string Reason) : ISiteEvent, IVersionedEvent
{
    public static string Manifest => "site.evse-paused.v1";
}
