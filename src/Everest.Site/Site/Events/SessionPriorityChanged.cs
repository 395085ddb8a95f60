using Everest.Site.Domain;

namespace Everest.Site.Site.Events;

/// <summary>
/// An operator set the priority of the session that started at <paramref name="SessionStartedAt"/> on
/// <paramref name="EvseId"/> (null: back to the EVSE's configured priority). Kept so that a controller that restarts
/// while that car is still there serves it as it was told.
/// </summary>
public sealed record SessionPriorityChanged(string EvseId, DateTimeOffset At, DateTimeOffset? SessionStartedAt, int? Priority) : ISiteEvent, IVersionedEvent
{
    public static string Manifest => "site.session-priority-changed.v1";
}
