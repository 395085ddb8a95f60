using Everest.Site.Domain;

namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>The rollout halted: no further charger gets a place in it.</summary>
public sealed record FirmwareRolloutHalted(string RolloutId, string Reason, DateTimeOffset At) : IRolloutEvent, IVersionedEvent
{
    public static string Manifest => "rollout.halted.v1";
}
