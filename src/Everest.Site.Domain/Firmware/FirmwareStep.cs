namespace Everest.Site.Domain.Firmware;

/// <summary>
/// Where a firmware update of one charger stands, named as EVerest's <c>FirmwareUpdateStatusEnum</c> names the
/// statuses we publish (the order OCPP's L01 use case expects). <see cref="Idle"/> is no update at all.
/// </summary>
public enum FirmwareStep
{
    Idle,
    DownloadScheduled,
    Downloading,
    Downloaded,
    SignatureVerified,
    InstallScheduled,
    Installing,
    InstallRebooting,
    Installed,
    DownloadFailed,
    InvalidSignature,
    InstallationFailed,
    InstallVerificationFailed,
}
