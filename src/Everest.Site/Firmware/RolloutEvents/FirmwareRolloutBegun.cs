using Everest.Site.Domain;

namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>A rollout began, under the limits in force then.</summary>
/// <param name="Location">The image of an operator's rollout; null when chargers joined with their own requests (the CSMS's).</param>
/// <param name="RequestIds">Each charger an operator's rollout sent a request to, with its request id, in the operator's order; empty otherwise.</param>
public sealed record FirmwareRolloutBegun(
    string RolloutId,
    string? Location,
    IReadOnlyList<RolloutChargerRequest> RequestIds,
    int MaxConcurrentChargers,
    double MinAvailableShare,
    bool Canary,
    TimeSpan BackWithin,
    DateTimeOffset At) : IRolloutEvent, IVersionedEvent
{
    public static string Manifest => "rollout.begun.v1";
}
