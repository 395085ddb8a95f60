using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Evse;

/// <summary>What <see cref="SessionLifecycle.Decide"/> says to store for one lifecycle event from EVerest.</summary>
/// <param name="IsDuplicate">True when the history already holds the event: nothing is stored.</param>
/// <param name="Events">The events to store in one write, in order (corrections first); empty for a duplicate.</param>
public sealed record LifecycleDecision(bool IsDuplicate, IReadOnlyList<IEvseHistoryEvent> Events)
{
    public static LifecycleDecision Duplicate { get; } = new(true, []);

    public static LifecycleDecision Store(IReadOnlyList<IEvseHistoryEvent> events) => new(false, events);

    /// <summary>True when the events include a correction (an audited <see cref="SessionReconciled"/>).</summary>
    public bool IsReconciled => Events.Any(e => e is SessionReconciled);
}
