using Everest.Site.Domain.Allocation;

namespace Everest.Site.Domain.Tests.Allocation;

/// <summary>Small helpers that keep the example tests to the point.</summary>
internal static class Sites
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero); // a Monday

    /// <summary>Instant policy: no minimum times, no hysteresis, so an example shows one rule at a time.</summary>
    public static readonly AllocationPolicy Plain = new()
    {
        MinPause = TimeSpan.Zero,
        MinCharge = TimeSpan.Zero,
        ResumeHysteresisA = 0,
    };

    public static EvseDemand Car(string id, int phases = 3, double max = 32, double min = 6, string circuit = SiteModel.GridId) =>
        new(id, EvseDemandState.Charging) { Phases = phases, MaxCurrentA = max, MinCurrentA = min, CircuitId = circuit };

    public static AllocationResult Run(SiteModel site, IReadOnlyList<EvseDemand> evses, AllocationPolicy? policy = null, AllocationState? previous = null, DateTimeOffset? now = null) =>
        new SiteAllocator(policy ?? Plain).Allocate(site, evses, previous ?? AllocationState.Empty, now ?? T0);

    public static EvseAllocation Of(this AllocationResult result, string id) => result.Evses.Single(e => e.EvseId == id);

    public static double Load(this AllocationResult result, string limit) => result.Limits.Single(l => l.Name == limit).Load;
}
