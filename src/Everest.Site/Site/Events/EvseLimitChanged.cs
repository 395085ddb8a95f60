using Everest.Site.Domain;

namespace Everest.Site.Site.Events;

/// <summary>
/// An EVSE's current limit moved by at least the audit threshold from the last one recorded (smaller moves are
/// sent but not recorded, so the journal does not grow with every ampere of sharing).
/// </summary>
public sealed record EvseLimitChanged(string EvseId, DateTimeOffset At, double FromA, double ToA, string Reason) : ISiteEvent, IVersionedEvent
{
    public static string Manifest => "site.evse-limit-changed.v1";
}
