namespace Everest.Site.Actors.Persistence;

/// <summary>Recovery: latest snapshot, then the events after it in batches (the journal streams them), then completion.</summary>
public abstract partial class PersistentActor
{
    /// <summary>The journal cursor of a running replay; used only by the batch task in flight (one at a time).</summary>
    private IAsyncEnumerator<PersistentRepr>? _replay;

    private void StartRecovery()
    {
        _phase = PersistencePhase.Recovering;
        WriterId = Guid.NewGuid();
        var system = Cell.System;
        var persistenceId = PersistenceId;
        if (string.IsNullOrWhiteSpace(persistenceId))
        {
            throw new InvalidOperationException($"{GetType().Name} has an empty PersistenceId.");
        }

        RunAndTellSelf(
            async () =>
            {
                var selected = await system.SnapshotStore.LoadAsync(persistenceId, SnapshotSelectionCriteria.Latest).ConfigureAwait(false);
                return selected is null
                    ? new SnapshotLoaded(this, null, null)
                    : new SnapshotLoaded(this, selected.Metadata, system.Serializer.Deserialize(selected.Manifest, selected.Payload.Span));
            },
            cause => new RecoveryFailed(this, cause));
    }

    private void OnSnapshotLoaded(SnapshotLoaded loaded)
    {
        if (loaded.Metadata is { } metadata)
        {
            LastSequenceNr = metadata.SequenceNr;
            SnapshotSequenceNr = metadata.SequenceNr;
            if (!TryRecover(new SnapshotOffer(metadata, loaded.Snapshot!)))
            {
                return;
            }
        }

        var system = Cell.System;
        _replay = system.Journal.ReplayAsync(PersistenceId, LastSequenceNr + 1, long.MaxValue, long.MaxValue).GetAsyncEnumerator();
        RequestReplayBatch();
    }

    private void RequestReplayBatch()
    {
        var system = Cell.System;
        var replay = _replay!;
        var persistenceId = PersistenceId;
        var batchSize = system.RecoveryBatchSize;
        RunAndTellSelf(
            async () =>
            {
                var events = new List<ReplayedEvent>(Math.Min(batchSize, 64));
                while (events.Count < batchSize && await replay.MoveNextAsync().ConfigureAwait(false))
                {
                    var repr = replay.Current;
                    events.Add(new ReplayedEvent(repr.SequenceNr, system.Serializer.Deserialize(repr.Manifest, repr.Payload.Span)));
                }

                if (events.Count == batchSize)
                {
                    return new ReplayedBatch(this, events, false, 0);
                }

                await replay.DisposeAsync().ConfigureAwait(false);
                var highest = await system.Journal.ReadHighestSequenceNrAsync(persistenceId).ConfigureAwait(false);
                return new ReplayedBatch(this, events, true, highest);
            },
            cause => new RecoveryFailed(this, cause));
    }

    private void OnReplayedBatch(ReplayedBatch batch)
    {
        foreach (var replayed in batch.Events)
        {
            LastSequenceNr = replayed.SequenceNr;
            if (!TryRecover(replayed.Event))
            {
                return;
            }
        }

        if (!batch.IsLast)
        {
            RequestReplayBatch();
            return;
        }

        _replay = null;

        // Deleted events are not replayed, but their numbers are never reused.
        LastSequenceNr = Math.Max(LastSequenceNr, batch.HighestSequenceNr);
        _assignedSequenceNr = LastSequenceNr;
        _phase = PersistencePhase.Idle;
        if (TryRecover(RecoveryCompleted.Instance))
        {
            ReleaseHeldBack();
        }
    }

    private bool TryRecover(object message)
    {
        try
        {
            OnRecover(message);
            return true;
        }
        catch (Exception exception)
        {
            FailRecovery(exception, message);
            return false;
        }
    }

    private void FailRecovery(Exception cause, object? @event)
    {
        _phase = PersistencePhase.Stopped;
        _replay = null;
        try
        {
            OnRecoveryFailure(cause, @event);
        }
        finally
        {
            Cell.StopAfterFailure();
        }
    }
}
