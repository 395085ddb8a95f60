namespace Everest.Site.Domain.Allocation;

/// <summary>Why an EVSE got what it got.</summary>
public enum AllocationReason
{
    /// <summary>No car and no reservation: nothing to give.</summary>
    Idle,

    /// <summary>Charging at the highest current the EVSE and the car accept.</summary>
    AtMaximum,

    /// <summary>Charging at a shared limit (see <see cref="EvseAllocation.LimitedBy"/>): its fair share, or what a higher priority left.</summary>
    SharedLimit,

    /// <summary>Draws less than it was given; held a little above its draw so that it can ramp up, and the rest is lent to others.</summary>
    FollowingDraw,

    /// <summary>Given no more than it needs to finish its energy goal within the allocator's period.</summary>
    GoalReached,

    /// <summary>Paused: its minimum does not fit under a limit (see <see cref="EvseAllocation.LimitedBy"/>).</summary>
    NoCapacity,

    /// <summary>Paused: it has had its turn and others of its priority are waiting for theirs.</summary>
    TurnOver,

    /// <summary>Paused, and stays so until its minimum pause time has passed.</summary>
    MinimumPause,

    /// <summary>Idle, holding headroom for a reservation.</summary>
    Reserved,

    /// <summary>Offline: counted at its last known draw (or its maximum) and not commanded.</summary>
    Offline,

    /// <summary>Its meter shows more than it was given: counted at its worst case and not raised.</summary>
    MeterDisagrees,

    /// <summary>
    /// Paused: the EVSE's maximum (lowered by a CSMS cap on it) is below its minimum, so no current it may be given
    /// lets it charge.
    /// </summary>
    CappedBelowMinimum,
}
