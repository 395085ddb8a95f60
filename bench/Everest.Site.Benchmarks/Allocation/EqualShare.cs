namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// Baseline: equal shares in 0.5 A steps, ignoring what cars draw. Every connected EVSE of a board gets the
/// same share of the tighter of its board and the grid; when that would be under 6 A, the latest arrivals
/// are paused until the share reaches 6 A. Like the other baseline it counts every EVSE on all three phases.
/// </summary>
internal sealed class EqualShare : IDepotAllocator
{
    public string Name => "equal share ignoring measurements";

    public void Allocate(int minute, DepotCar?[] connected, bool[] finished, double[][] drawnA, double[] remainingWh, double[] allocation)
    {
        var boardLimit = DepotSite.BoardA - DepotSite.MarginA;
        var gridLimit = DepotSite.GridA - DepotSite.MarginA;
        var byBoard = new[] { new List<int>(), new List<int>() };
        for (var e = 0; e < connected.Length; e++)
        {
            allocation[e] = 0;
            if (connected[e] is not null)
            {
                byBoard[DepotSite.Board(e)].Add(e);
            }
        }

        var admitted = new int[2];
        for (var b = 0; b < 2; b++)
        {
            byBoard[b].Sort((x, y) => connected[x]!.ArriveMinute.CompareTo(connected[y]!.ArriveMinute));
            admitted[b] = Math.Min(byBoard[b].Count, (int)(boardLimit / DepotSite.EvseMinA));
        }

        while (admitted[0] + admitted[1] > 0 && gridLimit / (admitted[0] + admitted[1]) < DepotSite.EvseMinA)
        {
            admitted[admitted[0] >= admitted[1] ? 0 : 1]--;
        }

        var total = admitted[0] + admitted[1];
        for (var b = 0; b < 2; b++)
        {
            if (admitted[b] == 0)
            {
                continue;
            }

            var share = Math.Min(boardLimit / admitted[b], gridLimit / total);
            share = Math.Min(DepotSite.EvseMaxA, Math.Floor(share * 2) / 2);
            for (var i = 0; i < admitted[b]; i++)
            {
                allocation[byBoard[b][i]] = share;
            }
        }
    }
}
