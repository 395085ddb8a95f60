namespace Everest.Site.Benchmarks.Allocation;

/// <summary>An allocator under test in the depot day: sets each EVSE's current per phase for the coming minute.</summary>
internal interface IDepotAllocator
{
    string Name { get; }

    /// <param name="minute">Minute of the day.</param>
    /// <param name="connected">The car at each EVSE, or null.</param>
    /// <param name="finished">Whether that car has stopped taking energy by itself (full).</param>
    /// <param name="drawnA">What each EVSE drew per phase in the last minute, on its own terminals L1..L3.</param>
    /// <param name="remainingWh">Energy each car (by id) still needs.</param>
    /// <param name="allocation">Filled with each EVSE's current per phase (A); below 6 A means paused.</param>
    void Allocate(int minute, DepotCar?[] connected, bool[] finished, double[][] drawnA, double[] remainingWh, double[] allocation);
}
