using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Firmware;

/// <summary>
/// Packs a charger's logs as a <c>.tar.gz</c> (the configured log files and the charger's journal events of the
/// requested range) and uploads it with HTTP(S) PUT, retrying on the given clock. 401 and 403 end in
/// PermissionDenied at once; other failures are retried, then end in UploadFailure.
/// </summary>
public sealed class LogUploader(HttpClient http, TimeProvider time)
{
    /// <summary>Writes the package into memory: a file per log file (skipped when unreadable) and <c>journal.txt</c>.</summary>
    public static byte[] Pack(IReadOnlyList<string> logFiles, IReadOnlyList<string> journalLines)
    {
        ArgumentNullException.ThrowIfNull(logFiles);
        ArgumentNullException.ThrowIfNull(journalLines);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in logFiles)
            {
                try
                {
                    tar.WriteEntry(file, Path.GetFileName(file));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    var note = new PaxTarEntry(TarEntryType.RegularFile, Path.GetFileName(file) + ".unreadable")
                    {
                        DataStream = new MemoryStream(Encoding.UTF8.GetBytes(e.Message)),
                    };
                    tar.WriteEntry(note);
                }
            }

            var journal = new PaxTarEntry(TarEntryType.RegularFile, "journal.txt")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', journalLines) + "\n")),
            };
            tar.WriteEntry(journal);
        }

        return buffer.ToArray();
    }

    /// <summary>PUTs <paramref name="package"/> to <paramref name="location"/> (named <paramref name="fileName"/> when the location ends in '/').</summary>
    public async Task<(LogUploadState State, string? Reason)> UploadAsync(Uri location, string fileName, byte[] package, int retries, TimeSpan retryInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var target = location.AbsolutePath.EndsWith('/') ? new Uri(location, Uri.EscapeDataString(fileName)) : location;
        string? reason = null;
        for (var attempt = 0; attempt <= retries; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(retryInterval, time, cancellationToken);
            }

            try
            {
                using var content = new ByteArrayContent(package);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/gzip");
                using var response = await http.PutAsync(target, content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (LogUploadState.Uploaded, null);
                }

                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    return (LogUploadState.PermissionDenied, $"HTTP {(int)response.StatusCode}");
                }

                reason = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                reason = e.Message;
            }
        }

        return (LogUploadState.UploadFailure, reason);
    }
}
