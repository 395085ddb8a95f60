namespace Everest.Site.Domain.Allocation;

/// <summary>
/// How an EVSE is wired: the grid phases its own L1, L2 and L3 terminals are connected to, in that order.
/// <c>L2L3L1</c> means the EVSE's L1 is on the grid's L2, so a single-phase car on it loads the grid's L2.
/// Spellings match the configuration's <c>phase-rotation</c>.
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
