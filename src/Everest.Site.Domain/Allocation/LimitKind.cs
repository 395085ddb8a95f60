namespace Everest.Site.Domain.Allocation;

/// <summary>What a limit bounds.</summary>
public enum LimitKind
{
    /// <summary>The current on one phase of a circuit, the grid connection or a station (A).</summary>
    PhaseCurrent,

    /// <summary>The power of a circuit or the grid connection over its phases (W).</summary>
    Power,

    /// <summary>The magnitude of a phasor sum of currents (A).</summary>
    Phasor,
}
