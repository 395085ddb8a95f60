using Everest.Site.Domain.Evse;

namespace Everest.Site.Domain.Allocation;

/// <summary>
/// One EVSE as the allocator sees it at one instant. Currents are per phase in amperes; measured currents are
/// on the EVSE's own terminals (its meter's L1, L2, L3) and are mapped to grid phases through
/// <see cref="Rotation"/>.
/// </summary>
public sealed record EvseDemand(string Id, EvseDemandState State)
{
    /// <summary>The circuit it is wired to (a circuit id or <see cref="SiteModel.GridId"/>).</summary>
    public string CircuitId { get; init; } = SiteModel.GridId;

    /// <summary>The charging station it belongs to, for CSMS station caps; null if none applies.</summary>
    public string? StationId { get; init; }

    /// <summary>Phases the car draws on (1–3; the EVSE's first phases). Unknown: give the EVSE's own count.</summary>
    public int Phases { get; init; } = 3;

    public PhaseRotation Rotation { get; init; } = PhaseRotation.L1L2L3;

    /// <summary>The EVSE's (hardware, configuration) lowest current at which it can charge.</summary>
    public double MinCurrentA { get; init; } = 6;

    /// <summary>The EVSE's (hardware, configuration) highest current.</summary>
    public double MaxCurrentA { get; init; } = 32;

    /// <summary>The car's own lowest current, when it reports one.</summary>
    public double? EvMinCurrentA { get; init; }

    /// <summary>The car's own highest current, when it reports one.</summary>
    public double? EvMaxCurrentA { get; init; }

    /// <summary>The latest measured current per phase of the EVSE's own terminals; null when there is none.</summary>
    public PhaseCurrents? Measured { get; init; }

    /// <summary>The highest phase current last seen from it (A), for counting it while it is offline.</summary>
    public double? LastDrawA { get; init; }

    /// <summary>Higher is served first.</summary>
    public int Priority { get; init; }

    /// <summary>Departure and energy still needed, when known.</summary>
    public ChargingGoal? Goal { get; init; }

    /// <summary>Current (A, per phase on all its phases) held free for a reservation of this EVSE; null when not reserved.</summary>
    public double? ReservedHeadroomA { get; init; }

    /// <summary>The lowest current it can be given: the higher of the EVSE's and the car's minimum.</summary>
    public double EffectiveMinA => Math.Max(MinCurrentA, EvMinCurrentA ?? 0);

    /// <summary>The highest current it can use: the lower of the EVSE's and the car's maximum.</summary>
    public double EffectiveMaxA => Math.Min(MaxCurrentA, EvMaxCurrentA ?? double.PositiveInfinity);
}
