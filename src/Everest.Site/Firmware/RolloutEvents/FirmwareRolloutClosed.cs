using Everest.Site.Domain;

namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>Every request of the rollout ended; the next update starts a new rollout.</summary>
public sealed record FirmwareRolloutClosed(string RolloutId, DateTimeOffset At) : IRolloutEvent, IVersionedEvent
{
    public static string Manifest => "rollout.closed.v1";
}
