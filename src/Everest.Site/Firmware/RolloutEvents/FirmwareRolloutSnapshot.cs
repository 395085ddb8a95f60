namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>
/// The rollout actor's state when no rollout runs (saved at each close, so recovery never replays old rollouts):
/// how many rollouts there were and how the last one ended, for the overview.
/// </summary>
public sealed record FirmwareRolloutSnapshot(int RolloutCount, ClosedRollout? Last, DateTimeOffset At);
