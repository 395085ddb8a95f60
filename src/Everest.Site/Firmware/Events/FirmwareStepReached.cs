using Everest.Site.Domain;
using Everest.Site.Domain.Firmware;

namespace Everest.Site.Firmware.Events;

/// <summary>The update of <paramref name="RequestId"/> reached <paramref name="Step"/> (and it was reported to EVerest).</summary>
/// <param name="Detail">Why, for failures; the image path for <see cref="FirmwareStep.Downloaded"/>.</param>
public sealed record FirmwareStepReached(int RequestId, FirmwareStep Step, string? Detail, DateTimeOffset At) : ISystemEvent, IVersionedEvent
{
    public static string Manifest => "system.firmware-step-reached.v1";
}
