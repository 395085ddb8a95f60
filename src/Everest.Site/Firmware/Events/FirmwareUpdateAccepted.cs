using Everest.Site.Domain;

namespace Everest.Site.Firmware.Events;

/// <summary>An update_firmware request was accepted (the previous one, if still running, is replaced).</summary>
/// <param name="Retries">Download attempts after the first.</param>
public sealed record FirmwareUpdateAccepted(
    int RequestId,
    string Location,
    DateTimeOffset? RetrieveAt,
    DateTimeOffset? InstallAt,
    int Retries,
    int RetryIntervalS,
    string? SigningCertificate,
    string? Signature,
    string? RolloutId,
    DateTimeOffset At) : ISystemEvent, IVersionedEvent
{
    public static string Manifest => "system.firmware-update-accepted.v1";
}
