using Everest.Site.Firmware;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>
/// The production downloader, counting the downloads under way (from the request to the image renamed in place or
/// the attempt given up): real I/O on the wall clock that a story must not let virtual time outrun.
/// </summary>
public sealed class CountingDownloader(HttpClient http) : IFirmwareDownloader
{
    private readonly FirmwareDownloader _inner = new(http);
    private int _running;

    /// <summary>Downloads started and not finished.</summary>
    public int Running => Volatile.Read(ref _running);

    public async Task<DownloadOutcome> DownloadAsync(Uri location, string targetPath, long maxBytes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _running);
        try
        {
            return await _inner.DownloadAsync(location, targetPath, maxBytes, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
