namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>What the firmware rollout (persistence id <c>firmware-rollout</c>) keeps in its journal: each rollout's course.</summary>
public interface IRolloutEvent
{
    string RolloutId { get; }

    DateTimeOffset At { get; }
}
