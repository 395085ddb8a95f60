namespace Everest.Site.Benchmarks.Mqtt;

/// <summary>Counts messages arriving at a subscriber and completes when the expected number has arrived.</summary>
internal sealed class ReceiveCounter
{
    private int expected;
    private int received;
    private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Expect(int count)
    {
        done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref received, 0);
        Volatile.Write(ref expected, count);
        return done.Task;
    }

    public void OnMessage()
    {
        if (Interlocked.Increment(ref received) == Volatile.Read(ref expected))
        {
            done.TrySetResult();
        }
    }
}
