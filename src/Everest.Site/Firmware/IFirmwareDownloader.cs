namespace Everest.Site.Firmware;

/// <summary>Fetches one firmware image per call into the firmware folder (<see cref="FirmwareDownloader"/>).</summary>
public interface IFirmwareDownloader
{
    /// <summary>One attempt: the complete image at <paramref name="targetPath"/>, or why there is none.</summary>
    Task<DownloadOutcome> DownloadAsync(Uri location, string targetPath, long maxBytes, CancellationToken cancellationToken);
}
