namespace Everest.Site.Domain.Allocation;

/// <summary>
/// The decision for one EVSE: charge at <see cref="CurrentA"/> per phase on <see cref="Phases"/> phases, or not
/// (<see cref="Charging"/> false: pause it, or hold a waiting car below its minimum).
/// </summary>
/// <param name="CountedA">What the limits were checked with for this EVSE, per phase (A): the allocation, or its worst case.</param>
/// <param name="LimitedBy">The limit that stopped it, for <see cref="AllocationReason.SharedLimit"/> and <see cref="AllocationReason.NoCapacity"/>.</param>
public readonly record struct EvseAllocation(
    string EvseId,
    bool Charging,
    double CurrentA,
    int Phases,
    double CountedA,
    AllocationReason Reason,
    string? LimitedBy)
{
    /// <summary>A sentence for logs and the dashboard.</summary>
    public string Explanation => Reason switch
    {
        AllocationReason.Idle => "idle",
        AllocationReason.AtMaximum => $"charging at its maximum {CurrentA:0.#} A",
        AllocationReason.SharedLimit => $"charging at {CurrentA:0.#} A, limited by {LimitedBy ?? "a shared limit"}",
        AllocationReason.FollowingDraw => $"charging at {CurrentA:0.#} A, a little above what it draws",
        AllocationReason.GoalReached => $"charging at {CurrentA:0.#} A, enough to reach its energy goal",
        AllocationReason.NoCapacity => $"paused: its minimum does not fit under {LimitedBy ?? "the limits"}",
        AllocationReason.TurnOver => "paused: its turn is over and others are waiting",
        AllocationReason.MinimumPause => "paused until its minimum pause time has passed",
        AllocationReason.Reserved => $"reserved, holding {CountedA:0.#} A",
        AllocationReason.Offline => $"offline, counted at {CountedA:0.#} A",
        AllocationReason.MeterDisagrees => $"draws more than allocated, counted at {CountedA:0.#} A",
        AllocationReason.CappedBelowMinimum => "paused: capped below its minimum current",
        _ => Reason.ToString(),
    };
}
