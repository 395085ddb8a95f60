using System.Diagnostics;

namespace Everest.Site.Benchmarks.Mqtt;

/// <summary>
/// Counts the messages a subscriber receives, completes when the expected number has arrived, and keeps the
/// longest silence between two consecutive messages (a stall shows there even when the average looks fine).
/// Called from one delivery thread at a time, as the transport guarantees.
/// </summary>
internal sealed class ArrivalRecorder
{
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expected;
    private int _received;
    private long _lastTimestamp;
    private long _longestGap;

    public TimeSpan LongestGap => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _longestGap));

    public Task Expect(int count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _received, 0);
        Interlocked.Exchange(ref _longestGap, 0);
        Interlocked.Exchange(ref _lastTimestamp, 0);
        Volatile.Write(ref _expected, count);
        return _done.Task;
    }

    public void OnMessage()
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Exchange(ref _lastTimestamp, now);
        if (last != 0 && now - last > Interlocked.Read(ref _longestGap))
        {
            Interlocked.Exchange(ref _longestGap, now - last);
        }

        if (Interlocked.Increment(ref _received) == Volatile.Read(ref _expected))
        {
            _done.TrySetResult();
        }
    }
}
