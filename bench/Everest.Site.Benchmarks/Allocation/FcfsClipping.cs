namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// Baseline: first come first served in loop order, as open-source chargers' load managers do. Each connected
/// EVSE in index order gets its maximum clipped to what is left; under 6 A it is paused. It sees when a car is
/// full (the charger's status) and skips it, but knows neither the cars' phases nor their draw, so it counts
/// every EVSE on all three phases at its allocation.
/// </summary>
internal sealed class FcfsClipping : IDepotAllocator
{
    public string Name => "FCFS clipping in loop order";

    public void Allocate(int minute, DepotCar?[] connected, bool[] finished, double[][] drawnA, double[] remainingWh, double[] allocation)
    {
        var grid = DepotSite.GridA - DepotSite.MarginA;
        var boards = new[] { DepotSite.BoardA - DepotSite.MarginA, DepotSite.BoardA - DepotSite.MarginA };
        for (var e = 0; e < connected.Length; e++)
        {
            allocation[e] = 0;
            if (connected[e] is null || finished[e])
            {
                continue;
            }

            var board = DepotSite.Board(e);
            var given = Math.Min(DepotSite.EvseMaxA, Math.Min(grid, boards[board]));
            if (given < DepotSite.EvseMinA)
            {
                continue;
            }

            allocation[e] = given;
            grid -= given;
            boards[board] -= given;
        }
    }
}
