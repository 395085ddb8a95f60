namespace Everest.Site.Actors.Persistence;

/// <summary>
/// The write side of event storage: the four operations a journal plugin implements, as in
/// Akka.Persistence's <c>AsyncWriteJournal</c>. Implementations must be safe for concurrent calls from
/// many actors; batching concurrent writes into one transaction (group commit) is their business.
/// </summary>
public interface IJournal
{
    /// <summary>
    /// Stores all events of <paramref name="write"/> or none. Completes only once they are durable
    /// as far as the store promises. Fails with <see cref="JournalConcurrencyException"/> when a sequence
    /// number already exists (two writers on one stream) and with <see cref="JournalWriteException"/> (or
    /// the store's own exception) when the store cannot be reached; in every failure case nothing of
    /// this write was stored.
    /// </summary>
    Task WriteAsync(AtomicWrite write, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the stored, not deleted events of one persistence id with
    /// <paramref name="fromSequenceNr"/> ≤ sequence number ≤ <paramref name="toSequenceNr"/>, in sequence
    /// order, at most <paramref name="max"/> of them. Never loads a whole history into memory at once.
    /// </summary>
    IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest sequence number ever stored for the persistence id, including deleted events
    /// (so a new write never reuses a number), or 0 when there is none.
    /// </summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>Marks all events up to and including <paramref name="toSequenceNr"/> as deleted.</summary>
    Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
