namespace Everest.Site.Domain.Allocation;

/// <summary>What the allocator remembers of one EVSE between runs, for hysteresis, minimum times and turns.</summary>
/// <param name="EvseId">The EVSE.</param>
/// <param name="Admitted">Whether it was given at least its minimum (charging) in the last run.</param>
/// <param name="CurrentA">Its last allocation per phase (A); 0 when not admitted.</param>
/// <param name="Since">When it was last admitted or last stopped being admitted; null if never.</param>
/// <param name="WaitingSince">When it started wanting current without getting it; null while admitted or idle.</param>
public readonly record struct EvseMemory(string EvseId, bool Admitted, double CurrentA, DateTimeOffset? Since, DateTimeOffset? WaitingSince);
