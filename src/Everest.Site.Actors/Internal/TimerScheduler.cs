namespace Everest.Site.Actors.Internal;

/// <summary>
/// An actor's keyed timers on the system's <see cref="TimeProvider"/>. The timer callback only enqueues the
/// <see cref="TimerFired"/> token; whether it is still current is decided in the actor's own run, so a message
/// of a cancelled or replaced timer is never delivered. Used only from the owning actor's run.
/// </summary>
internal sealed class TimerScheduler(ActorCell owner) : ITimerScheduler
{
    private readonly Dictionary<object, TimerFired> _timers = [];

    public void StartSingleTimer(object key, object message, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Start(key, message, delay, Timeout.InfiniteTimeSpan);
    }

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _timers.ContainsKey(key);
    }

    public void Cancel(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_timers.Remove(key, out var fired))
        {
            fired.Timer?.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var fired in _timers.Values)
        {
            fired.Timer?.Dispose();
        }

        _timers.Clear();
    }

    /// <summary>True when <paramref name="fired"/> belongs to a live timer (a single timer is then done).</summary>
    internal bool TryAccept(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var current) || !ReferenceEquals(current, fired))
        {
            return false;
        }

        if (!fired.IsPeriodic)
        {
            _timers.Remove(fired.Key);
            fired.Timer?.Dispose();
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var fired = new TimerFired(key, message, owner, period != Timeout.InfiniteTimeSpan);
        _timers[key] = fired;
        fired.Timer = owner.System.TimeProvider.CreateTimer(static state => ((TimerFired)state!).Deliver(), fired, dueTime, period);
    }
}

/// <summary>The mailbox token of one timer; the same instance is enqueued on every tick of a periodic timer.</summary>
internal sealed class TimerFired(object key, object message, ActorCell owner, bool isPeriodic)
{
    public object Key { get; } = key;

    public object Message { get; } = message;

    public bool IsPeriodic { get; } = isPeriodic;

    /// <summary>Kept so the timer stays alive and can be disposed.</summary>
    public ITimer? Timer { get; set; }

    public void Deliver() => owner.Tell(this, null);
}
