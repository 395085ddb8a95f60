using Everest.Site.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors.Persistence;

/// <summary>
/// An event-sourced actor, as Akka.Persistence's <c>PersistentActor</c>: its state is rebuilt on start from
/// the latest snapshot and the events after it (<see cref="OnRecover"/>), and it changes state only by
/// persisting events (<see cref="Persist{TEvent}"/>) whose handlers run after the journal has stored them.
/// Commands that arrive while it recovers or while a write is in flight wait (are stashed) and are handled
/// afterwards, in order. A journal failure stops the actor: it never carries on as if an event were stored.
/// Split by concern: <c>.Recovery</c> and <c>.Writing</c>.
/// </summary>
public abstract partial class PersistentActor : Actor
{
    /// <summary>Messages held back while recovering or persisting; put back in front of the mailbox afterwards.</summary>
    private readonly List<Envelope> _heldBack = [];

    private PersistencePhase _phase = PersistencePhase.Recovering;

    /// <summary>The stream this actor writes and recovers, e.g. <c>evse-cp-1-1</c>. Must not change over the actor's life.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event recovered or whose handler ran.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence number of the snapshot recovery started from; 0 when none.</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>True until <see cref="RecoveryCompleted"/> has been delivered.</summary>
    public bool IsRecovering => _phase == PersistencePhase.Recovering;

    /// <summary>Identifies this incarnation in <see cref="PersistentRepr.WriterId"/>.</summary>
    public Guid WriterId { get; private set; } = Guid.NewGuid();

    /// <summary>
    /// Rebuilds state: receives a <see cref="SnapshotOffer"/> (if a snapshot exists), then every event after
    /// it in order, then <see cref="RecoveryCompleted"/>. Must not have side effects beyond the state.
    /// </summary>
    protected abstract void OnRecover(object message);

    /// <summary>Handles a command after recovery; validates it and persists events (or replies directly).</summary>
    protected abstract void OnCommand(object message);

    /// <summary>Tags stored with <paramref name="event"/> for queries by tag (billing projections). None by default.</summary>
    protected virtual IReadOnlyList<string> TagsFor(object @event) => [];

    /// <summary>Called when recovery failed, just before the actor stops. Logs by default.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event) =>
        Log.LogError(cause, "Recovery of {PersistenceId} failed at sequence number {SequenceNr}; stopping", PersistenceId, LastSequenceNr);

    /// <summary>Called when the journal failed to store an event, just before the actor stops. Logs by default.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Log.LogError(cause, "Persisting {EventType} as {PersistenceId} #{SequenceNr} failed; stopping", @event.GetType().Name, PersistenceId, sequenceNr);

    protected sealed override void OnReceive(object message) => OnCommand(message);

    internal override void AroundReceive(object message, Action<object>? behavior)
    {
        if (message is PersistenceSignal signal)
        {
            if (ReferenceEquals(signal.Owner, this))
            {
                HandleSignal(signal);
            }

            return;
        }

        if (_phase != PersistencePhase.Idle)
        {
            HoldBack(message);
            return;
        }

        try
        {
            base.AroundReceive(message, behavior);
        }
        catch
        {
            // Events of a failed command are never written: the command did not happen.
            DiscardUnwrittenEvents();
            throw;
        }

        FlushEvents();
    }

    internal override void AroundPreStart()
    {
        base.AroundPreStart();
        StartRecovery();
    }

    internal override void AroundPostRestart(Exception reason)
    {
        base.AroundPostRestart(reason);
        StartRecovery();
    }

    internal override void AroundPreRestart(Exception reason, object? message)
    {
        // Held-back commands belong to the actor, not to this instance: the next instance handles them.
        ReleaseHeldBack();
        base.AroundPreRestart(reason, message);
    }

    internal override void AroundPostStop()
    {
        _phase = PersistencePhase.Stopped;
        foreach (var envelope in _heldBack)
        {
            Cell.System.PublishDeadLetter(new DeadLetter(envelope.Message, envelope.Sender, Self));
        }

        _heldBack.Clear();
        base.AroundPostStop();
    }

    private void HandleSignal(PersistenceSignal signal)
    {
        switch (signal)
        {
            case SnapshotLoaded loaded:
                OnSnapshotLoaded(loaded);
                break;
            case ReplayedBatch batch:
                OnReplayedBatch(batch);
                break;
            case RecoveryFailed failed:
                FailRecovery(failed.Cause, null);
                break;
            case WriteSucceeded succeeded:
                OnWriteSucceeded(succeeded.WriteNr);
                break;
            case WriteFailed failed:
                OnWriteFailed(failed.WriteNr, failed.Cause);
                break;
        }
    }

    private void HoldBack(object message)
    {
        if (_phase == PersistencePhase.Stopped || _heldBack.Count >= Cell.System.StashCapacity)
        {
            // Bounded: beyond capacity a command is rejected as a dead letter (counted and logged), never queued forever.
            Cell.System.PublishDeadLetter(new DeadLetter(message, Cell.CurrentSenderOrNull, Self));
            return;
        }

        _heldBack.Add(new Envelope(message, Cell.CurrentSenderOrNull));
    }

    private void ReleaseHeldBack()
    {
        if (_heldBack.Count == 0)
        {
            return;
        }

        var envelopes = _heldBack.ToArray();
        _heldBack.Clear();
        Cell.PrependToMailbox(envelopes);
    }

    /// <summary>Runs journal or snapshot work off the actor and sends its outcome back to this actor.</summary>
    private void RunAndTellSelf(Func<Task<object>> work, Func<Exception, object> onFailure)
    {
        var self = Self;
        Task<object> task;
        try
        {
            task = work();
        }
        catch (Exception exception)
        {
            task = Task.FromException<object>(exception);
        }

        task.ContinueWith(
            completed => self.Tell(completed.IsCompletedSuccessfully ? completed.Result : onFailure(Unwrap(completed))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static Exception Unwrap(Task completed) =>
        completed.IsCanceled
            ? new TaskCanceledException(completed)
            : completed.Exception!.InnerExceptions.Count == 1 ? completed.Exception.InnerExceptions[0] : completed.Exception;

    private enum PersistencePhase
    {
        Recovering,
        Idle,
        Persisting,
        Stopped,
    }
}
