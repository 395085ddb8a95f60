namespace Everest.Site.Actors.Persistence;

/// <summary>
/// The read side of event storage, as Akka.Persistence.Query's "read journal": streams for
/// projections (billing) and tools (<c>everest-site journal events</c>).
/// </summary>
public interface IEventQuery
{
    /// <summary>The stored, not deleted events of one stream within the sequence range, in order; ends when they are read.</summary>
    IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceIdAsync(
        string persistenceId,
        long fromSequenceNr = 1,
        long toSequenceNr = long.MaxValue,
        CancellationToken cancellationToken = default);

    /// <summary>Events carrying <paramref name="tag"/> with an offset greater than <paramref name="afterOffset"/>, in offset order; ends at the current end.</summary>
    IAsyncEnumerable<EventEnvelope> CurrentEventsByTagAsync(string tag, long afterOffset = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="CurrentEventsByTagAsync"/>, but never ends: after the current end it goes on
    /// yielding events as they are written, until cancelled. Never skips an offset that later becomes visible.
    /// </summary>
    IAsyncEnumerable<EventEnvelope> EventsByTagAsync(string tag, long afterOffset = 0, CancellationToken cancellationToken = default);

    /// <summary>Every persistence id that has stored events, each once.</summary>
    IAsyncEnumerable<string> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default);
}
