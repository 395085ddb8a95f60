using System.IO.Compression;
using System.Text.Json;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// Reads ACN-Sim's stored event queue (gzip of a JSON string whose content is JSON): every
/// <c>acnportal.acnsim.models.ev.EV</c> object is a session, its battery object gives the power cap.
/// </summary>
internal static class AcnSessions
{
    /// <summary>Where the data set sits beside a checkout of the repository.</summary>
    public const string DefaultRelativePath = "../shared/data/acn/caltech_20190301T000000_20190401T000000_5m_208V_6.6kW.json.gz";

    /// <summary>
    /// The data set at <paramref name="path"/>, or at <see cref="DefaultRelativePath"/> from the working
    /// directory or from the repository root above the benchmark binary. Null with a message when absent.
    /// </summary>
    public static string? Locate(string? path, out string tried)
    {
        var candidates = new List<string>();
        if (path is not null)
        {
            candidates.Add(Path.GetFullPath(path));
        }
        else
        {
            candidates.Add(Path.GetFullPath(DefaultRelativePath));
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Everest.Site.sln")))
                {
                    candidates.Add(Path.GetFullPath(Path.Combine(dir.FullName, DefaultRelativePath)));
                    break;
                }
            }
        }

        tried = string.Join(", ", candidates.Distinct());
        return candidates.FirstOrDefault(File.Exists);
    }

    public static List<AcnSession> Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var outer = JsonDocument.Parse(gzip);
        using var document = outer.RootElement.ValueKind == JsonValueKind.String
            ? JsonDocument.Parse(outer.RootElement.GetString()!)
            : JsonDocument.Parse(outer.RootElement.GetRawText());
        var objects = document.RootElement.GetProperty("context_dict");
        var sessions = new List<AcnSession>();
        foreach (var entry in objects.EnumerateObject())
        {
            if (entry.Value.GetProperty("class").GetString() != "acnportal.acnsim.models.ev.EV")
            {
                continue;
            }

            var ev = entry.Value.GetProperty("attributes");
            var battery = objects.GetProperty(ev.GetProperty("_battery").GetString()!).GetProperty("attributes");
            sessions.Add(new AcnSession(
                ev.GetProperty("_session_id").GetString()!,
                ev.GetProperty("_station_id").GetString()!,
                ev.GetProperty("_arrival").GetInt32(),
                ev.GetProperty("_departure").GetInt32(),
                ev.GetProperty("_requested_energy").GetDouble(),
                battery.GetProperty("_max_power").GetDouble()));
        }

        sessions.Sort((a, b) => a.Arrival != b.Arrival ? a.Arrival.CompareTo(b.Arrival) : string.CompareOrdinal(a.SessionId, b.SessionId));
        return sessions;
    }
}
