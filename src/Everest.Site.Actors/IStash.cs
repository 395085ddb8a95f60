namespace Everest.Site.Actors;

/// <summary>
/// Messages an actor sets aside to handle later (e.g. while waiting for a reply). Bounded: stashing beyond
/// the capacity throws <see cref="StashOverflowException"/>. Stashed messages survive a restart (they are put
/// back into the mailbox) and go to dead letters when the actor stops.
/// </summary>
public interface IStash
{
    int Count { get; }

    int Capacity { get; }

    /// <summary>Stashes the message being processed, with its sender.</summary>
    void Stash();

    /// <summary>Puts all stashed messages back at the front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();
}
