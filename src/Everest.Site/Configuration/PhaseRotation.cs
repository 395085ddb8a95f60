namespace Everest.Site.Configuration;

/// <summary>
/// How an EVSE's phases 1, 2, 3 are wired to the circuit's L1, L2, L3 (<c>phase-rotation</c>): <c>L2L3L1</c> means
/// the EVSE's phase 1 is on L2. A single-phase EV loads the EVSE's phase 1, so rotation spreads such loads.
/// </summary>
public enum PhaseRotation
{
    L1L2L3,
    L1L3L2,
    L2L1L3,
    L2L3L1,
    L3L1L2,
    L3L2L1,
}
