using Everest.Site.Domain;

namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>A charger of the rollout is done with it; a held place is free again.</summary>
public sealed record FirmwareRolloutChargerEnded(string RolloutId, string ChargerId, int RequestId, RolloutChargerOutcome Outcome, string? Reason, DateTimeOffset At) : IRolloutEvent, IVersionedEvent
{
    public static string Manifest => "rollout.charger-ended.v1";
}
