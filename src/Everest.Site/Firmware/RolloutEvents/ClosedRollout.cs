namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>How a rollout ended: its canary, the chargers it updated, why it halted.</summary>
public sealed record ClosedRollout(string RolloutId, string? Canary, bool CanaryBack, IReadOnlyList<string> Done, string? Halted);
