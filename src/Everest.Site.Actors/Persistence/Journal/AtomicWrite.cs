namespace Everest.Site.Actors.Persistence;

/// <summary>
/// The events of one <c>Persist</c>/<c>PersistAll</c> call: all of one persistence id, with contiguous
/// sequence numbers. A journal stores all of them or none.
/// </summary>
public sealed record AtomicWrite
{
    public AtomicWrite(IReadOnlyList<PersistentRepr> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An atomic write needs at least one event.", nameof(events));
        }

        var first = events[0];
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].PersistenceId != first.PersistenceId)
            {
                throw new ArgumentException("All events of an atomic write must share one persistence id.", nameof(events));
            }

            if (events[i].SequenceNr != first.SequenceNr + i)
            {
                throw new ArgumentException("The sequence numbers of an atomic write must be contiguous.", nameof(events));
            }
        }

        Events = events;
    }

    public IReadOnlyList<PersistentRepr> Events { get; }

    public string PersistenceId => Events[0].PersistenceId;

    public long LowestSequenceNr => Events[0].SequenceNr;

    public long HighestSequenceNr => Events[^1].SequenceNr;
}
