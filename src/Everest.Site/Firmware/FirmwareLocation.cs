namespace Everest.Site.Firmware;

/// <summary>Which firmware locations the controller fetches: HTTP(S) anywhere, <c>file://</c> only under the local folder.</summary>
public static class FirmwareLocation
{
    /// <summary>
    /// The location as a URI we may fetch, or null with the reason: not an absolute URI, a scheme other than
    /// http/https/file, or a file outside <paramref name="localFolder"/> (including by <c>..</c> or a symbolic link).
    /// </summary>
    public static Uri? Check(string location, string? localFolder, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            reason = "location is not an absolute URI";
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        {
            reason = null;
            return uri;
        }

        if (uri.Scheme != Uri.UriSchemeFile)
        {
            reason = $"scheme '{uri.Scheme}' is not supported (http, https, file)";
            return null;
        }

        if (localFolder is null)
        {
            reason = "file:// locations are refused (firmware.local-folder is empty)";
            return null;
        }

        if (!IsUnder(uri.LocalPath, localFolder) || location.Contains("..", StringComparison.Ordinal))
        {
            reason = "the file is not under firmware.local-folder";
            return null;
        }

        var target = new FileInfo(uri.LocalPath).ResolveLinkTarget(returnFinalTarget: true);
        if (target is not null && !IsUnder(target.FullName, localFolder))
        {
            reason = "the file links out of firmware.local-folder";
            return null;
        }

        reason = null;
        return uri;
    }

    private static bool IsUnder(string path, string folder)
    {
        var full = Path.GetFullPath(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal);
    }
}
