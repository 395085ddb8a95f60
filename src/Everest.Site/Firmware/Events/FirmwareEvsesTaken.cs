using Everest.Site.Domain;

namespace Everest.Site.Firmware.Events;

/// <summary>
/// The charger's EVSEs are being taken out of service for the installation of <paramref name="RequestId"/>
/// (stored before the first disable is sent, so a recovered actor knows it must give them back).
/// </summary>
public sealed record FirmwareEvsesTaken(int RequestId, DateTimeOffset At) : ISystemEvent, IVersionedEvent
{
    public static string Manifest => "system.firmware-evses-taken.v1";
}
