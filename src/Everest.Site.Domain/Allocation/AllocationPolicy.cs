namespace Everest.Site.Domain.Allocation;

/// <summary>The allocator's tunables (configuration <c>everest-site.allocation</c>).</summary>
public sealed record AllocationPolicy
{
    /// <summary>A paused EVSE stays paused at least this long.</summary>
    public TimeSpan MinPause { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A resumed EVSE keeps its minimum at least this long (unless the limits themselves fall).</summary>
    public TimeSpan MinCharge { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>When EVSEs of equal priority must take turns, each turn lasts this long.</summary>
    public TimeSpan Rotation { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A paused or waiting EVSE resumes only when its minimum plus this much fits (hysteresis, A).</summary>
    public double ResumeHysteresisA { get; init; } = 1;

    /// <summary>
    /// Headroom above its measured draw (A) left to a car that draws less than it was given, so that it can ramp
    /// up; the rest of its allocation is lent to others.
    /// </summary>
    public double RampHeadroomA { get; init; } = 2;

    /// <summary>A car is held to its measured draw only after it has charged this long (cars ramp up slowly).</summary>
    public TimeSpan RampUpTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A meter reading above the allocation by more than this (A) means the EVSE is not following it.</summary>
    public double MeterToleranceA { get; init; } = 1;

    /// <summary>
    /// How long an allocation stays in force (the allocator's period): a car with a known energy need is given
    /// no more than it can take in this time.
    /// </summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How cars with a <see cref="ChargingGoal"/> are served within their priority.</summary>
    public GoalFill GoalFill { get; init; } = GoalFill.FairShare;
}
