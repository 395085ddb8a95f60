namespace Everest.Site.Benchmarks.Persistence;

/// <summary>Counts EVSE actors that finished recovery and the events they recovered to; completes when all have.</summary>
internal sealed class RecoveryCompletion(int actors)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = actors;
    private long _sequenceNrs;
    private long _replayedEvents;

    public Task Task => _done.Task;

    /// <summary>The sum of every recovered actor's last sequence number: the number of events in their journals.</summary>
    public long SequenceNrs => Interlocked.Read(ref _sequenceNrs);

    /// <summary>Events replayed after the snapshots (the journal reads recovery needed).</summary>
    public long ReplayedEvents => Interlocked.Read(ref _replayedEvents);

    public void Recovered(long lastSequenceNr, long replayedEvents)
    {
        Interlocked.Add(ref _sequenceNrs, lastSequenceNr);
        Interlocked.Add(ref _replayedEvents, replayedEvents);
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }

    public void Fail(Exception cause) => _done.TrySetException(cause);
}
