using Microsoft.Extensions.Time.Testing;

namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> (starting 2026-01-01) that counts the timers created on it, so a test can wait
/// until the code under test has armed its deadline before moving the clock past it.
/// </summary>
public sealed class TimerCountingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private int _timersCreated;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timersCreated);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
