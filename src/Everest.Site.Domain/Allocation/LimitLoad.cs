namespace Everest.Site.Domain.Allocation;

/// <summary>One limit after a run: its value with the margin taken off, and what the allocation puts on it.</summary>
public readonly record struct LimitLoad(string Name, LimitKind Kind, double Limit, double Load);
