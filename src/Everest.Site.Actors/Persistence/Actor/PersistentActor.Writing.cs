namespace Everest.Site.Actors.Persistence;

/// <summary>Persisting events: collect them during a command, write them as one atomic batch, then run their handlers.</summary>
public abstract partial class PersistentActor
{
    /// <summary>Events persisted by the command (or handler) being processed, not yet sent to the journal.</summary>
    private readonly List<PendingEvent> _unwritten = [];

    /// <summary>The batch the journal is writing, whose handlers run when it succeeds.</summary>
    private List<PendingEvent>? _inFlight;

    /// <summary>The highest sequence number handed out (in flight or unwritten included).</summary>
    private long _assignedSequenceNr;

    /// <summary>Numbers the writes so that a result is matched to its batch.</summary>
    private long _writeNr;

    /// <summary>
    /// Persists <paramref name="event"/> and, once the journal has stored it, runs <paramref name="handler"/>
    /// with <c>Sender</c> set to the sender of the command being handled. Until then, new commands wait.
    /// All events persisted while handling one command are written in one atomic write.
    /// </summary>
    /// <exception cref="EventSerializationException">The event's type is not registered with the serializer.</exception>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        if (_phase is PersistencePhase.Recovering or PersistencePhase.Stopped)
        {
            throw new InvalidOperationException($"{PersistenceId} cannot persist while {(_phase == PersistencePhase.Recovering ? "recovering" : "stopped")}.");
        }

        var system = Cell.System;
        var serialized = system.Serializer.Serialize(@event);
        var repr = new PersistentRepr(
            PersistenceId,
            _assignedSequenceNr + 1,
            serialized.Manifest,
            serialized.Payload,
            TagsFor(@event),
            system.TimeProvider.GetUtcNow(),
            WriterId);
        _assignedSequenceNr++;
        _unwritten.Add(new PendingEvent(repr, @event, e => handler((TEvent)e), Cell.CurrentSenderOrNull));
    }

    /// <summary>Persists several events atomically; <paramref name="handler"/> runs once per event, in order, after the write.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            Persist(@event, handler);
        }
    }

    /// <summary>Stores <paramref name="snapshot"/> as the state after <see cref="LastSequenceNr"/>; the outcome arrives as <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var system = Cell.System;
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, system.TimeProvider.GetUtcNow());
        var serialized = system.Serializer.Serialize(snapshot);
        RunAndTellSelf(
            async () =>
            {
                await system.SnapshotStore.SaveAsync(metadata, serialized.Manifest, serialized.Payload).ConfigureAwait(false);
                return new SaveSnapshotSuccess(metadata);
            },
            cause => new SaveSnapshotFailure(metadata, cause));
    }

    /// <summary>Deletes stored events up to <paramref name="toSequenceNr"/>; the outcome arrives as <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        var journal = Cell.System.Journal;
        var persistenceId = PersistenceId;
        RunAndTellSelf(
            async () =>
            {
                await journal.DeleteToAsync(persistenceId, toSequenceNr).ConfigureAwait(false);
                return new DeleteMessagesSuccess(toSequenceNr);
            },
            cause => new DeleteMessagesFailure(cause, toSequenceNr));
    }

    private void FlushEvents()
    {
        if (_unwritten.Count == 0 || _inFlight is not null)
        {
            return;
        }

        var batch = _unwritten.ToList();
        _unwritten.Clear();
        _inFlight = batch;
        _phase = PersistencePhase.Persisting;
        var writeNr = ++_writeNr;
        var write = new AtomicWrite(batch.ConvertAll(pending => pending.Repr));
        var journal = Cell.System.Journal;
        RunAndTellSelf(
            async () =>
            {
                await journal.WriteAsync(write).ConfigureAwait(false);
                return new WriteSucceeded(this, writeNr);
            },
            cause => new WriteFailed(this, writeNr, cause));
    }

    private void DiscardUnwrittenEvents()
    {
        _assignedSequenceNr -= _unwritten.Count;
        _unwritten.Clear();
    }

    private void OnWriteSucceeded(long writeNr)
    {
        if (writeNr != _writeNr || _inFlight is null)
        {
            return;
        }

        var batch = _inFlight;
        _inFlight = null;
        foreach (var pending in batch)
        {
            LastSequenceNr = pending.Repr.SequenceNr;
            Cell.SetCurrentSender(pending.Sender);
            pending.Handler(pending.Event);
        }

        if (_unwritten.Count > 0)
        {
            // Handlers persisted more events: write them before any new command.
            FlushEvents();
        }
        else
        {
            _phase = PersistencePhase.Idle;
            ReleaseHeldBack();
        }
    }

    private void OnWriteFailed(long writeNr, Exception cause)
    {
        if (writeNr != _writeNr || _inFlight is null)
        {
            return;
        }

        var first = _inFlight[0];
        _inFlight = null;
        _phase = PersistencePhase.Stopped;
        try
        {
            OnPersistFailure(cause, first.Event, first.Repr.SequenceNr);
        }
        finally
        {
            Cell.StopAfterFailure();
        }
    }

    private sealed record PendingEvent(PersistentRepr Repr, object Event, Action<object> Handler, IActorRef? Sender);
}
