using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Evse;

/// <summary>
/// The history events one session_event yields (often none: most session events are live state only), or why
/// it was refused.
/// </summary>
public sealed record SessionEventTranslation(IReadOnlyList<IEvseHistoryEvent> Events, string? Rejection)
{
    public static SessionEventTranslation Nothing { get; } = new([], null);

    public bool IsRejected => Rejection is not null;

    public static SessionEventTranslation Of(params IEvseHistoryEvent[] events) => new(events, null);

    public static SessionEventTranslation Rejected(string reason) => new([], reason);
}
