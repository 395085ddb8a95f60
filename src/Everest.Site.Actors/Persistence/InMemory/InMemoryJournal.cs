using System.Runtime.CompilerServices;

namespace Everest.Site.Actors.Persistence;

/// <summary>
/// A journal, snapshot-free event query and write side kept in process memory: for tests, the demo's
/// <c>memory</c> provider and as the reference behaviour of the journal conformance suite. Thread-safe;
/// every operation takes one lock, which is plenty for the loads it is meant for.
/// </summary>
public sealed class InMemoryJournal : IJournal, IEventQuery
{
    /// <summary>Guards every field below.</summary>
    private readonly Lock _gate = new();

    /// <summary>All stored events in global (offset) order; index i holds offset i + 1.</summary>
    private readonly List<StoredEvent> _all = [];

    /// <summary>Per stream: the indexes into <see cref="_all"/> in sequence order.</summary>
    private readonly Dictionary<string, List<int>> _byPersistenceId = new(StringComparer.Ordinal);

    /// <summary>Per stream: everything at or below this sequence number is deleted.</summary>
    private readonly Dictionary<string, long> _deletedTo = new(StringComparer.Ordinal);

    /// <summary>Completed and replaced whenever events are written, so live queries wake up.</summary>
    private TaskCompletionSource _written = NewSignal();

    public Task WriteAsync(AtomicWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource signal;
        lock (_gate)
        {
            var highest = HighestLocked(write.PersistenceId);
            if (write.LowestSequenceNr <= highest)
            {
                return Task.FromException(new JournalConcurrencyException(write.PersistenceId, write.LowestSequenceNr));
            }

            if (!_byPersistenceId.TryGetValue(write.PersistenceId, out var indexes))
            {
                indexes = [];
                _byPersistenceId.Add(write.PersistenceId, indexes);
            }

            foreach (var repr in write.Events)
            {
                _all.Add(new StoredEvent(_all.Count + 1, repr));
                indexes.Add(_all.Count - 1);
            }

            signal = _written;
            _written = NewSignal();
        }

        signal.TrySetResult();
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var stored in ReadStream(persistenceId, fromSequenceNr, toSequenceNr, max))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return stored.Repr;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(HighestLocked(persistenceId));
        }
    }

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var current = _deletedTo.GetValueOrDefault(persistenceId);
            _deletedTo[persistenceId] = Math.Max(current, toSequenceNr);
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceIdAsync(
        string persistenceId,
        long fromSequenceNr = 1,
        long toSequenceNr = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var stored in ReadStream(persistenceId, fromSequenceNr, toSequenceNr, long.MaxValue))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return stored.ToEnvelope();
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByTagAsync(
        string tag,
        long afterOffset = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var stored in ReadTag(tag, afterOffset, out _))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return stored.ToEnvelope();
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<EventEnvelope> EventsByTagAsync(
        string tag,
        long afterOffset = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = afterOffset;
        while (true)
        {
            var batch = ReadTag(tag, offset, out var written);
            foreach (var stored in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                offset = stored.Offset;
                yield return stored.ToEnvelope();
            }

            if (batch.Count == 0)
            {
                await written.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async IAsyncEnumerable<string> CurrentPersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string[] ids;
        lock (_gate)
        {
            ids = [.. _byPersistenceId.Keys];
        }

        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long HighestLocked(string persistenceId) =>
        _byPersistenceId.TryGetValue(persistenceId, out var indexes) && indexes.Count > 0
            ? _all[indexes[^1]].Repr.SequenceNr
            : 0;

    /// <summary>A copy of the matching slice of one stream, taken under the lock so iteration needs none.</summary>
    private List<StoredEvent> ReadStream(string persistenceId, long fromSequenceNr, long toSequenceNr, long max)
    {
        var result = new List<StoredEvent>();
        lock (_gate)
        {
            if (!_byPersistenceId.TryGetValue(persistenceId, out var indexes))
            {
                return result;
            }

            var deletedTo = _deletedTo.GetValueOrDefault(persistenceId);
            foreach (var index in indexes)
            {
                var stored = _all[index];
                var sequenceNr = stored.Repr.SequenceNr;
                if (sequenceNr < fromSequenceNr || sequenceNr <= deletedTo)
                {
                    continue;
                }

                if (sequenceNr > toSequenceNr || result.Count >= max)
                {
                    break;
                }

                result.Add(stored);
            }
        }

        return result;
    }

    /// <summary>
    /// A copy of the tagged events after <paramref name="afterOffset"/>, plus the signal that fires on the
    /// next write, both taken under one lock so a live reader cannot miss a write between the two.
    /// </summary>
    private List<StoredEvent> ReadTag(string tag, long afterOffset, out Task written)
    {
        var result = new List<StoredEvent>();
        lock (_gate)
        {
            for (var i = (int)Math.Min(afterOffset, _all.Count); i < _all.Count; i++)
            {
                var stored = _all[i];
                if (stored.Repr.SequenceNr > _deletedTo.GetValueOrDefault(stored.Repr.PersistenceId)
                    && stored.Repr.Tags.Contains(tag, StringComparer.Ordinal))
                {
                    result.Add(stored);
                }
            }

            written = _written.Task;
        }

        return result;
    }

    private sealed record StoredEvent(long Offset, PersistentRepr Repr)
    {
        public EventEnvelope ToEnvelope() =>
            new(Offset, Repr.PersistenceId, Repr.SequenceNr, Repr.Manifest, Repr.Payload, Repr.Tags, Repr.Timestamp);
    }
}
