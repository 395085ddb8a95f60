using Everest.Site.Domain;

namespace Everest.Site.Firmware.Events;

/// <summary>The reason the charger (re)starts next, as get_boot_reason answers it (EVerest's spelling).</summary>
public sealed record BootReasonRecorded(string Reason, DateTimeOffset At) : ISystemEvent, IVersionedEvent
{
    public static string Manifest => "system.boot-reason-recorded.v1";
}
