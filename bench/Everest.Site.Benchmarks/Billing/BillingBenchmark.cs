using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using CsvHelper;
using Everest.Site.Benchmarks.Common;
using Everest.Site.Billing;
using Everest.Site.Billing.Projection;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Benchmarks.Billing;

/// <summary>
/// <c>billing [--cdrs N] [--events N] [--trials N]</c>: (1) the export of N CDRs from the read model in a SQLite file
/// (read, issue with tariffs, write CSV/JSON/OCPI to a null stream; end to end and step by step), beside CsvHelper writing the same CSV rows as
/// plain fields; (2) the projection catching up with a journal of N billing events, beside the SQL read journal
/// reading the same events by tag without projecting them. Median (min–max) of the trials.
/// </summary>
internal static class BillingBenchmark
{
    public const string Command = "billing";

    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        var cdrs = Option(args, "--cdrs", 100_000);
        var events = Option(args, "--events", 50_000);
        var trials = Option(args, "--trials", 3);
        var folder = Directory.CreateTempSubdirectory("everest-site-bench-billing-");
        try
        {
            await ExportAsync(folder.FullName, cdrs, trials);
            await CatchUpAsync(folder.FullName, events, trials);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task ExportAsync(string folder, int cdrs, int trials)
    {
        const int evses = 50;
        var options = BenchSiteOptions.Load(BillingHistories.SiteHocon(evses, $"provider = sqlite, sqlite.path = {BenchSiteOptions.Quote(Path.Combine(folder, "export.db"))}, sqlite.synchronous = off"));
        var readModel = new BillingReadModel(new BillingDatabase(options.Persistence));
        await readModel.EnsureSchemaAsync(CancellationToken.None);
        var site = new BillingSite(options);
        var export = new CdrExport(readModel, site);

        // The read model as the projection leaves it: every session folded from its history, committed in batches.
        var offset = 0L;
        var batch = new List<ProjectedSession>();
        for (var i = 0; i < cdrs; i++)
        {
            var evse = i % evses;
            var history = BillingHistories.Session(evse, i / evses);
            var firstSequenceNr = (long)(i / evses) * BillingHistories.EventsPerSession;
            var session = BillingHistoryFold.Replay(history.Select((e, n) => (firstSequenceNr + n + 1, e))).Finished[0];
            batch.Add(new ProjectedSession($"evse-{BillingHistories.EvseId(evse)}", BillingHistories.EvseId(evse), session));
            if (batch.Count == 5_000 || i == cdrs - 1)
            {
                var changes = new ProjectionChanges(offset + batch.Count, [.. batch], new Dictionary<string, BillingHistoryFold>(), [], batch.Count);
                await readModel.CommitAsync(offset, changes, CancellationToken.None);
                offset = changes.Offset;
                batch.Clear();
            }
        }

        var records = await export.RecordsAsync(CdrFilter.All, CancellationToken.None);
        using var csvText = new MemoryStream();
        await CdrExport.WriteAsync(records, CdrFormat.Csv, site, csvText, CancellationToken.None);
        var rows = ReadRows(csvText.ToArray());

        var sessions = new List<(Everest.Site.Domain.Billing.Cdrs.CdrEvse, ChargingSession)>();
        await foreach (var row in readModel.FinishedSessionsAsync(null, null, null, CancellationToken.None))
        {
            sessions.Add((site.EvseOfHistory(row.EvseId), row.Session));
        }

        var endToEndCsv = new Timings();
        var endToEndJson = new Timings();
        var endToEndOcpi = new Timings();
        var readAndIssue = new Timings();
        var readOnly = new Timings();
        var issueOnly = new Timings();
        var csv = new Timings();
        var json = new Timings();
        var ocpi = new Timings();
        var baseline = new Timings();
        for (var trial = 0; trial < trials; trial++)
        {
            await endToEndCsv.AddAsync(() => export.WriteAsync(CdrFilter.All, CdrFormat.Csv, Stream.Null, CancellationToken.None));
            await endToEndJson.AddAsync(() => export.WriteAsync(CdrFilter.All, CdrFormat.Json, Stream.Null, CancellationToken.None));
            await endToEndOcpi.AddAsync(() => export.WriteAsync(CdrFilter.All, CdrFormat.Ocpi, Stream.Null, CancellationToken.None));
            await readAndIssue.AddAsync(() => export.RecordsAsync(CdrFilter.All, CancellationToken.None));
            await readOnly.AddAsync(async () =>
            {
                await foreach (var row in readModel.FinishedSessionsAsync(null, null, null, CancellationToken.None))
                {
                    GC.KeepAlive(row);
                }
            });
            await issueOnly.AddAsync(() =>
            {
                GC.KeepAlive(Everest.Site.Domain.Billing.Cdrs.CdrLedger.Build(sessions, [], site.Tariffs));
                return Task.CompletedTask;
            });
            await csv.AddAsync(() => CdrExport.WriteAsync(records, CdrFormat.Csv, site, Stream.Null, CancellationToken.None));
            await json.AddAsync(() => CdrExport.WriteAsync(records, CdrFormat.Json, site, Stream.Null, CancellationToken.None));
            await ocpi.AddAsync(() => CdrExport.WriteAsync(records, CdrFormat.Ocpi, site, Stream.Null, CancellationToken.None));
            await baseline.AddAsync(() => WriteRawCsvAsync(rows));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## Export of {records.Count:N0} CDRs (SQLite read model, {evses} EVSEs, 6 priced periods each), seconds, median (min–max) of {trials}"));
        Console.WriteLine($"load average {LoadAverage()}; {Environment.ProcessorCount} cores; CPU s counts every thread of the process (the garbage collector's too)");
        Console.WriteLine("| step | s | CPU s |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| billing export as CSV, end to end (read rows, issue CDRs with tariffs, write) | {endToEndCsv} |");
        Console.WriteLine($"| billing export as JSON, end to end | {endToEndJson} |");
        Console.WriteLine($"| billing export as OCPI, end to end | {endToEndOcpi} |");
        Console.WriteLine($"| read rows and issue CDRs into a list (as the export does) | {readAndIssue} |");
        Console.WriteLine($"| alone, one thread: read the rows (SQLite, sessions parsed from their stored form) | {readOnly} |");
        Console.WriteLine($"| alone, one thread: issue the CDRs from sessions in memory (tariffs, periods) | {issueOnly} |");
        Console.WriteLine($"| write CSV (CdrCsvWriter) | {csv} |");
        Console.WriteLine($"| write JSON (CdrJsonWriter) | {json} |");
        Console.WriteLine($"| write OCPI (OcpiCdrWriter) | {ocpi} |");
        Console.WriteLine($"| baseline: CsvHelper writing the same {rows.Count:N0} rows as plain fields | {baseline} |");
    }

    private static async Task CatchUpAsync(string folder, int events, int trials)
    {
        const int evses = 200;
        var options = BenchSiteOptions.Load(BillingHistories.SiteHocon(evses, $"provider = sqlite, sqlite.path = {BenchSiteOptions.Quote(Path.Combine(folder, "journal.db"))}, sqlite.synchronous = off"));
        var quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING");
        using var system = ActorSystem.Create("billing-bench", SitePersistenceConfig.ActorSystemSetup(options.Persistence, quiet));
        var sessions = Math.Max(1, events / BillingHistories.EventsPerSession / evses);
        var writers = Enumerable.Range(0, evses).Select(e => system.ActorOf(HistoryWriter.Props($"evse-{BillingHistories.EvseId(e)}"))).ToList();
        var written = 0;
        for (var session = 0; session < sessions; session++)
        {
            var replies = writers.Select((w, e) => w.Ask<int>(BillingHistories.Session(e, session), TimeSpan.FromMinutes(2)));
            written += (await Task.WhenAll(replies)).Sum();
        }

        var readModel = new BillingReadModel(new BillingDatabase(options.Persistence));
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SitePersistenceConfig.ReadJournalPluginId);
        var materializer = system.Materializer();

        // The read journal learns the newest offset by polling: wait until a current query sees everything.
        while (await journal.CurrentEventsByTag(EvseTags.Billing, Offset.NoOffset()).RunAggregate(0, (n, _) => n + 1, materializer) < written)
        {
            await Task.Delay(200);
        }

        var raw = new List<double>();
        var projected = new List<double>();
        var failures = new List<string>();
        for (var trial = 0; trial < trials; trial++)
        {
            var read = 0;
            var rawSeconds = await TimeAsync(async () => read = await journal.CurrentEventsByTag(EvseTags.Billing, Offset.NoOffset()).RunAggregate(0, (n, _) => n + 1, materializer));
            raw.Add(read / rawSeconds);

            await readModel.DropAsync(CancellationToken.None);
            var projection = new BillingProjection(readModel, TimeProvider.System, NullLogger<BillingProjection>.Instance);
            var applied = 0L;
            try
            {
                var projectSeconds = await TimeAsync(async () => applied = await projection.CatchUpAsync(system, CancellationToken.None));
                if (applied == written)
                {
                    projected.Add(applied / projectSeconds);
                }
                else
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"trial {trial + 1}: applied {applied} of {written} events"));
                }
            }
            catch (Exception e) when (e.GetBaseException() is System.Data.Common.DbException)
            {
                // SQLite's single write lock (see docs/billing.md): reported, not hidden.
                failures.Add($"trial {trial + 1}: {e.GetBaseException().Message}");
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## Projection catch-up: {written:N0} billing events of {evses} EVSEs (SQLite, synchronous = off), events/s, median (min–max) of {trials}"));
        Console.WriteLine("| reader | events/s |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| billing projection catching up from an empty read model (batches of {BillingProjection.BatchSize}, one transaction each) | {(projected.Count > 0 ? Trials.Summary(projected) : "no complete trial")} |");
        Console.WriteLine($"| baseline: the SQL read journal reading the same events by tag, nothing projected | {Trials.Summary(raw)} |");
        foreach (var failure in failures)
        {
            Console.WriteLine($"catch-up failed: {failure}");
        }

        await system.Terminate();
    }

    /// <summary>The fields of each CSV line (the synthetic CDRs hold no commas, quotes or line breaks in any field).</summary>
    private static List<string[]> ReadRows(byte[] csv)
    {
        var rows = System.Text.Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();
        if (rows.Any(row => row.Length != CdrCsvWriter.Columns.Count))
        {
            throw new InvalidOperationException("a synthetic CDR has a field that needs quoting; the baseline would not write the same rows");
        }

        return rows;
    }

    private static Task WriteRawCsvAsync(List<string[]> rows)
    {
        // UTF-8 into a null stream, as the export writes.
        using var text = new StreamWriter(Stream.Null, new System.Text.UTF8Encoding(false), 64 * 1024);
        using var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true);
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                csv.WriteField(field);
            }

            csv.EndRecord();
        }

        csv.Flush();
        return Task.CompletedTask;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The system's load average over 1, 5 and 15 minutes where the system reports it (Linux).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Wall and CPU seconds of the trials of one step: on a shared machine CPU time moves less with the load.</summary>
    private sealed class Timings
    {
        private readonly List<double> _wall = [];
        private readonly List<double> _cpu = [];

        public async Task AddAsync(Func<Task> action)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await action();
            _wall.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            _cpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);
        }

        public override string ToString() => $"{Trials.Summary(_wall, "N2")} | {Trials.Summary(_cpu, "N2")}";
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        return fallback;
    }
}
