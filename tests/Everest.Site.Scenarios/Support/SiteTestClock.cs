using Akka.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// The one clock of a scenario: Akka's <see cref="TestScheduler"/> (actor timers, backoff restarts) and a
/// <see cref="FakeTimeProvider"/> (event timestamps, the EVerest API client's request timeouts), moved together so
/// that a story never waits on the wall clock and both sides agree on what time it is.
/// </summary>
public sealed class SiteTestClock
{
    /// <summary>A fixed start, so stories are reproducible.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly TestScheduler _scheduler;

    public SiteTestClock(TestScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _scheduler = scheduler;
        Provider = new FakeTimeProvider(Start);
    }

    /// <summary>What non-actor code (the API client, event timestamps) reads the time from.</summary>
    public FakeTimeProvider Provider { get; }

    public DateTimeOffset GetUtcNow() => Provider.GetUtcNow();

    /// <summary>
    /// Moves both clocks by <paramref name="delta"/>: first the provider (so an actor timer that fires reads the new
    /// time), then the scheduler, which runs every actor timer that fell due.
    /// </summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        Provider.Advance(delta);
        _scheduler.Advance(delta);
    }
}
