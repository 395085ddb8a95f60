using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Evse;

/// <summary>
/// The history events one session_event yields (often none: most session events are live state only), or why
/// it was refused, or that the history already holds it (<see cref="IsDuplicate"/>: the broker delivered it again).
/// </summary>
public sealed record SessionEventTranslation(IReadOnlyList<IEvseHistoryEvent> Events, string? Rejection)
{
    public static SessionEventTranslation Nothing { get; } = new([], null);

    /// <summary>The history already holds this lifecycle event: nothing is stored, nothing is wrong.</summary>
    public static SessionEventTranslation Duplicate { get; } = new([], null) { IsDuplicate = true };

    public bool IsDuplicate { get; private init; }

    public bool IsRejected => Rejection is not null;

    public static SessionEventTranslation Of(params IEvseHistoryEvent[] events) => new(events, null);

    public static SessionEventTranslation Rejected(string reason) => new([], reason);
}
