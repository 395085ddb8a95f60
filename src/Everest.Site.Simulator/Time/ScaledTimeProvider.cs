namespace Everest.Site.Simulator.Time;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than real time from a chosen start, for running a
/// simulated day in minutes. Timers created from it fire at the scaled rate.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _start;
    private readonly long _realStartTimestamp;

    public ScaledTimeProvider(double scale, DateTimeOffset start, TimeProvider? real = null)
    {
        if (scale is <= 0 or double.NaN or double.PositiveInfinity)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The time scale must be a positive, finite factor (1 = real time).");
        }

        Scale = scale;
        _real = real ?? System;
        _start = start;
        _realStartTimestamp = _real.GetTimestamp();
    }

    public double Scale { get; }

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() =>
        _start + TimeSpan.FromTicks((long)(_real.GetElapsedTime(_realStartTimestamp).Ticks * Scale));

    /// <summary>Timestamps advance <see cref="Scale"/> times faster than the real clock's.</summary>
    public override long GetTimestamp() =>
        _realStartTimestamp + (long)((_real.GetTimestamp() - _realStartTimestamp) * Scale);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, Shrink(dueTime), Shrink(period));

    private TimeSpan Shrink(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span == TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Scale)));
}
