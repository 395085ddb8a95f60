using Everest.Site.Domain.Allocation;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// The depot: a 250 A three-phase connection, two 100 A sub-boards with 20 EVSEs each (32 A, 6 A minimum),
/// EVSE rotations cycling L1L2L3, L2L3L1, L3L1L2 so that single-phase cars spread over the phases. Every
/// allocator works to the limits minus a 2 A margin; violations are counted against the limits themselves.
/// </summary>
internal static class DepotSite
{
    public const double GridA = 250;
    public const double BoardA = 100;
    public const double MarginA = 2;
    public const double EvseMaxA = 32;
    public const double EvseMinA = 6;

    public static readonly SiteModel Model = new(
        GridA,
        [new Circuit("board-a", SiteModel.GridId, BoardA), new Circuit("board-b", SiteModel.GridId, BoardA)],
        safetyMarginA: MarginA,
        voltageV: DepotFleet.Volts);

    public static int Board(int evse) => evse < DepotFleet.Evses / 2 ? 0 : 1;

    public static string BoardId(int evse) => Board(evse) == 0 ? "board-a" : "board-b";

    public static PhaseRotation Rotation(int evse) => (evse % 3) switch
    {
        0 => PhaseRotation.L1L2L3,
        1 => PhaseRotation.L2L3L1,
        _ => PhaseRotation.L3L1L2,
    };
}
