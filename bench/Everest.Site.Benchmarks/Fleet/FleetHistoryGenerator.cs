using System.Diagnostics;
using Everest.Site.Benchmarks.Persistence;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Benchmarks.Fleet;

/// <summary>
/// Lays down the history of a fleet straight into Akka.Persistence.Sql's tables: every EVSE's
/// <see cref="EvseHistoryScript"/> for the given number of days, merged in time order as a real site would have
/// written it (so one EVSE's rows are spread over the whole file, not stored together), each event serialized by
/// the history serializer and tagged as the product tags it, and a snapshot of the folded
/// <see cref="EvseHistoryState"/> every <c>snapshotEvery</c> events, as the actor saves them.
/// The plugin's secondary indexes are dropped while the rows go in and built again afterwards (the same indexes,
/// only packed tighter than a year of inserts would leave them), which makes laying down a year several times faster.
/// SQLite only.
/// </summary>
internal static class FleetHistoryGenerator
{
    private const int RowsPerTransaction = 20_000;

    public static async Task<FleetHistoryFacts> GenerateAsync(BenchmarkDatabase database, int evses, int days, double sessionsPerDay, int snapshotEvery, TextWriter progress)
    {
        var stopwatch = Stopwatch.StartNew();
        await PluginTables.CreateAsync(database);
        var indexes = await database.QueryStringsAsync(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('journal', 'tags') AND sql IS NOT NULL");
        var indexNames = await database.QueryStringsAsync(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('journal', 'tags') AND sql IS NOT NULL");
        await database.ExecuteAsync([.. indexNames.Select(name => $"DROP INDEX {name}")]);
        var writer = await RawJournalWriter.OpenAsync(database);
        await writer.SkipSyncAsync();

        var start = new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddDays(days);
        var sequenceNrs = new long[evses + 1];
        var states = new EvseHistoryState[evses + 1];
        var pending = new PriorityQueue<(EvseHistoryScript Script, IEvseHistoryEvent Next), DateTimeOffset>();
        for (var evse = 1; evse <= evses; evse++)
        {
            var script = new EvseHistoryScript(evse, start, sessionsPerDay);
            states[evse] = EvseHistoryState.Initial;
            var first = script.Next();
            pending.Enqueue((script, first), first.At);
        }

        var rows = new List<JournalRow>(RowsPerTransaction);
        var snapshots = new List<(string, long, byte[], string)>();
        long events = 0;
        long snapshotCount = 0;
        var nextReport = start.AddDays(30);
        while (pending.TryDequeue(out var item, out var at))
        {
            var (script, historyEvent) = item;
            var evse = script.Evse;
            var sequenceNr = ++sequenceNrs[evse];
            states[evse] = states[evse].Apply(historyEvent);
            var persistenceId = EvseShapedActor.PersistenceIdOf(evse);
            rows.Add(new JournalRow(
                persistenceId,
                sequenceNr,
                HistorySerialization.Serialize(historyEvent),
                HistorySerialization.ManifestOf(historyEvent),
                EvseShapedActor.TagsOf(historyEvent)));
            events++;
            if (sequenceNr % snapshotEvery == 0)
            {
                snapshots.Add((persistenceId, sequenceNr, HistorySerialization.Serialize(states[evse]), HistorySerialization.SnapshotManifest));
                snapshotCount++;
            }

            if (rows.Count == RowsPerTransaction)
            {
                await FlushAsync(writer, rows, snapshots);
            }

            if (at >= nextReport)
            {
                progress.WriteLine($"  … {at:yyyy-MM-dd}: {events:N0} events, {stopwatch.Elapsed.TotalSeconds:N0} s");
                nextReport = nextReport.AddDays(30);
            }

            var next = script.Next();
            if (next.At < end)
            {
                pending.Enqueue((script, next), next.At);
            }
        }

        await FlushAsync(writer, rows, snapshots);
        await writer.DisposeAsync();
        progress.WriteLine($"  … {events:N0} events written in {stopwatch.Elapsed.TotalSeconds:N0} s; building the plugin's indexes");
        await database.ExecuteAsync([.. indexes]);
        var tail = sequenceNrs.Skip(1).Sum(n => n % snapshotEvery);
        return new FleetHistoryFacts(evses, days, events, snapshotCount, tail, stopwatch.Elapsed, database.SizeInBytes());
    }

    private static async Task FlushAsync(RawJournalWriter writer, List<JournalRow> rows, List<(string, long, byte[], string)> snapshots)
    {
        if (rows.Count > 0)
        {
            await writer.InsertAsync(rows);
            rows.Clear();
        }

        if (snapshots.Count > 0)
        {
            await writer.InsertSnapshotsAsync(snapshots);
            snapshots.Clear();
        }
    }
}
