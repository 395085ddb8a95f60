namespace Everest.Site.Domain.Allocation;

/// <summary>Maps an EVSE's own phases to grid phases through its <see cref="PhaseRotation"/>.</summary>
public static class PhaseRotations
{
    /// <summary>The grid phase the EVSE's phase number <paramref name="evsePhase"/> (0 = its L1) is wired to.</summary>
    public static GridPhase GridPhaseOf(this PhaseRotation rotation, int evsePhase)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(evsePhase);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(evsePhase, 2);
        return rotation switch
        {
            PhaseRotation.L1L2L3 => (GridPhase)evsePhase,
            PhaseRotation.L1L3L2 => evsePhase switch { 0 => GridPhase.L1, 1 => GridPhase.L3, _ => GridPhase.L2 },
            PhaseRotation.L2L1L3 => evsePhase switch { 0 => GridPhase.L2, 1 => GridPhase.L1, _ => GridPhase.L3 },
            PhaseRotation.L2L3L1 => evsePhase switch { 0 => GridPhase.L2, 1 => GridPhase.L3, _ => GridPhase.L1 },
            PhaseRotation.L3L1L2 => evsePhase switch { 0 => GridPhase.L3, 1 => GridPhase.L1, _ => GridPhase.L2 },
            PhaseRotation.L3L2L1 => evsePhase switch { 0 => GridPhase.L3, 1 => GridPhase.L2, _ => GridPhase.L1 },
            _ => throw new ArgumentOutOfRangeException(nameof(rotation), rotation, "unknown phase rotation"),
        };
    }
}
