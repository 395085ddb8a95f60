namespace Everest.Site.Firmware;

/// <summary>The outcome of one download attempt: the image's path, or why there is none.</summary>
public sealed record DownloadOutcome(string? Path, string? Failure, bool Permanent)
{
    public static DownloadOutcome Succeeded(string path) => new(path, null, false);

    public static DownloadOutcome Failed(string failure, bool permanent = false) => new(null, failure, permanent);
}

/// <summary>
/// Fetches one firmware image per call, HTTP(S) or a local file, into the firmware folder. The bytes go to a partial
/// file of the attempt's own, <c>{name}.{attempt}.part</c>, which is renamed to its final name only when complete, so
/// a crash or a cut connection never leaves a file that looks like an image, and an attempt still running (one its
/// system actor gave up on when it restarted) can never remove or overwrite the partial file of the attempt after it.
/// Each attempt first removes the partial files earlier attempts left. A download larger than the cap fails
/// permanently. Retries are the caller's business (on its clock).
/// </summary>
public sealed class FirmwareDownloader(HttpClient http) : IFirmwareDownloader
{
    private const int BufferSize = 81_920;

    public async Task<DownloadOutcome> DownloadAsync(Uri location, string targetPath, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(targetPath);
        var folder = Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
        foreach (var leftover in folder.EnumerateFiles(Path.GetFileName(targetPath) + ".*.part"))
        {
            TryDelete(leftover.FullName);
        }

        var partial = $"{targetPath}.{Guid.NewGuid():N}.part";
        try
        {
            if (location.IsFile)
            {
                var length = new FileInfo(location.LocalPath).Length;
                if (length > maxBytes)
                {
                    return DownloadOutcome.Failed($"the image has {length} bytes, more than the {maxBytes} allowed", permanent: true);
                }

                await using var source = File.OpenRead(location.LocalPath);
                var copied = await CopyAsync(source, partial, maxBytes, cancellationToken);
                if (copied is null)
                {
                    return DownloadOutcome.Failed($"the image is larger than the {maxBytes} bytes allowed", permanent: true);
                }
            }
            else
            {
                using var response = await http.GetAsync(location, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return DownloadOutcome.Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                if (response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
                {
                    return DownloadOutcome.Failed($"the image has {announced} bytes, more than the {maxBytes} allowed", permanent: true);
                }

                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var copied = await CopyAsync(body, partial, maxBytes, cancellationToken);
                if (copied is null)
                {
                    return DownloadOutcome.Failed($"the image is larger than the {maxBytes} bytes allowed", permanent: true);
                }

                if (response.Content.Headers.ContentLength is { } expected && copied != expected)
                {
                    return DownloadOutcome.Failed($"the connection ended after {copied} of {expected} bytes");
                }
            }

            File.Move(partial, targetPath, overwrite: true);
            return DownloadOutcome.Succeeded(targetPath);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return DownloadOutcome.Failed(e.Message);
        }
        finally
        {
            TryDelete(partial);
        }
    }

    /// <summary>Removes a file if it is there; a file that cannot be removed is left for the next attempt to overwrite.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed by the next attempt; nothing reads .part files.
        }
    }

    /// <summary>Copies at most <paramref name="maxBytes"/>; null when the source has more.</summary>
    private static async Task<long?> CopyAsync(Stream source, string partial, long maxBytes, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return null;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await target.FlushAsync(cancellationToken);
        target.Flush(flushToDisk: true);
        return total;
    }
}
