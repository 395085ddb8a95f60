namespace Everest.Site.Benchmarks.Persistence;

/// <summary>Completes once the given number of actors have reported that all their events are stored.</summary>
internal sealed class WriteCompletion(int actors)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = actors;

    public Task Task => _done.Task;

    public void ActorDone()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }

    public void Fail(Exception cause) => _done.TrySetException(cause);
}
