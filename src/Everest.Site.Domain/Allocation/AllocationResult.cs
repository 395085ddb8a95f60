namespace Everest.Site.Domain.Allocation;

/// <summary>The outcome of one run: a decision per EVSE (in input order), the loads on every limit and the memory for the next run.</summary>
public sealed record AllocationResult(IReadOnlyList<EvseAllocation> Evses, IReadOnlyList<LimitLoad> Limits, AllocationState State);
