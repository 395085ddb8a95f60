using Everest.Site.Domain;

namespace Everest.Site.Firmware.Events;

/// <summary>Every EVSE of the charger confirmed that our FirmwareUpdate disable entry is withdrawn.</summary>
public sealed record FirmwareEvsesReturned(int RequestId, DateTimeOffset At) : ISystemEvent, IVersionedEvent
{
    public static string Manifest => "system.firmware-evses-returned.v1";
}
