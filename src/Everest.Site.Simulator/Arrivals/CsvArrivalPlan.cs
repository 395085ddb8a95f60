using System.Globalization;
using CsvHelper;

namespace Everest.Site.Simulator.Arrivals;

/// <summary>
/// Sessions read from a CSV file with a header row:
/// <c>arrival,departure,energy_kwh,max_current_a,phases</c> and optional <c>id_tag</c>. Times are either
/// RFC 3339 timestamps (replayed shifted so that the earliest arrival falls at the simulation start) or
/// offsets from the simulation start (<c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>). A bad row fails loading with
/// its line number and what is wrong.
/// </summary>
public sealed class CsvArrivalPlan : IArrivalPlan
{
    private readonly Queue<PlannedSession> _pending;

    private CsvArrivalPlan(IEnumerable<PlannedSession> sessions)
    {
        _pending = new Queue<PlannedSession>(sessions.OrderBy(s => s.Arrival));
    }

    public int Remaining => _pending.Count;

    public static CsvArrivalPlan Load(string path, DateTimeOffset simulationStart)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, simulationStart, path);
    }

    /// <exception cref="FormatException">A row or the header is wrong; the message names the line.</exception>
    public static CsvArrivalPlan Parse(TextReader text, DateTimeOffset simulationStart, string sourceName = "CSV")
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = CsvReaderOptions.Default with { TrackLineNumbers = true, TrimWhitespace = true };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        var rows = new List<(long Line, RawTime Arrival, RawTime Departure, double EnergyKwh, double MaxCurrentA, int Phases, string? IdTag)>();
        try
        {
            var headers = csv.Headers;
            var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < headers.Count; i++)
            {
                columns.TryAdd(headers[i].Trim(), i);
            }

            foreach (var required in RequiredColumns)
            {
                if (!columns.ContainsKey(required))
                {
                    throw new FormatException($"{sourceName}: the header has no '{required}' column (needed: {string.Join(',', RequiredColumns)}).");
                }
            }

            var idTagColumn = columns.TryGetValue("id_tag", out var idTagIndex) ? idTagIndex : (int?)null;
            while (csv.Read())
            {
                var line = csv.LineNumber;
                string Field(string column) => columns[column] < csv.FieldCount ? csv.GetString(columns[column]).Trim() : string.Empty;
                var idTag = idTagColumn is { } tagIndex && tagIndex < csv.FieldCount ? csv.GetString(tagIndex).Trim() : null;
                rows.Add((
                    line,
                    ParseTime(Field("arrival"), "arrival", line, sourceName),
                    ParseTime(Field("departure"), "departure", line, sourceName),
                    ParseNumber(Field("energy_kwh"), "energy_kwh", line, sourceName),
                    ParseNumber(Field("max_current_a"), "max_current_a", line, sourceName),
                    (int)ParseNumber(Field("phases"), "phases", line, sourceName),
                    string.IsNullOrEmpty(idTag) ? null : idTag));
            }
        }
        catch (CsvFormatException exception)
        {
            throw new FormatException($"{sourceName}: {exception.Message}", exception);
        }

        var firstAbsolute = rows.Where(r => r.Arrival.Absolute is not null).Select(r => r.Arrival.Absolute!.Value).DefaultIfEmpty().Min();
        DateTimeOffset Resolve(RawTime time) =>
            time.Absolute is { } absolute ? simulationStart + (absolute - firstAbsolute) : simulationStart + time.Offset!.Value;

        var sessions = new List<PlannedSession>(rows.Count);
        foreach (var row in rows)
        {
            var session = new PlannedSession(Resolve(row.Arrival), Resolve(row.Departure), row.EnergyKwh * 1000, row.MaxCurrentA, row.Phases) { IdTag = row.IdTag };
            if (session.Validate() is { } problem)
            {
                throw new FormatException($"{sourceName} line {row.Line}: {problem}.");
            }

            sessions.Add(session);
        }

        return new CsvArrivalPlan(sessions);
    }

    public IReadOnlyList<PlannedSession> TakeArrivals(DateTimeOffset until)
    {
        var due = new List<PlannedSession>();
        while (_pending.TryPeek(out var next) && next.Arrival <= until)
        {
            due.Add(_pending.Dequeue());
        }

        return due;
    }

    private static readonly string[] RequiredColumns = ["arrival", "departure", "energy_kwh", "max_current_a", "phases"];

    private static RawTime ParseTime(string text, string column, long line, string sourceName)
    {
        if (text.Contains('-', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute))
        {
            return new RawTime(absolute, null);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var offset) && offset >= TimeSpan.Zero)
        {
            return new RawTime(null, offset);
        }

        throw new FormatException($"{sourceName} line {line}: {column} '{text}' is neither an RFC 3339 timestamp nor an offset like 01:30:00.");
    }

    private static double ParseNumber(string text, string column, long line, string sourceName) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"{sourceName} line {line}: {column} '{text}' is not a number.");

    private readonly record struct RawTime(DateTimeOffset? Absolute, TimeSpan? Offset);
}
