using Everest.Site.Domain;

namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>A charger got its place: it may take its EVSEs out of service and install (stored before it is told).</summary>
/// <param name="Canary">It is the rollout's canary, which installs alone.</param>
public sealed record FirmwareRolloutChargerGranted(string RolloutId, string ChargerId, int RequestId, bool Canary, DateTimeOffset At) : IRolloutEvent, IVersionedEvent
{
    public static string Manifest => "rollout.charger-granted.v1";
}
