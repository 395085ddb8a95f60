using System.Globalization;
using Everest.Site.Benchmarks.Common;
using Everest.Site.Benchmarks.Persistence;

namespace Everest.Site.Benchmarks.Fleet;

/// <summary>
/// Fleet recovery on SQLite: <c>--evses</c> EVSEs (1,000) with <c>--days</c> (365) of history each at
/// <c>--sessions-per-day</c> (1: a depot, one vehicle per charging point a day), generated straight into the journal
/// (<see cref="FleetHistoryGenerator"/>), then recovered <c>--runs</c> times (3) by a fresh process each
/// (<see cref="FleetRecoveryChild"/>), timed from process start to every actor recovered, beside the raw baseline in a
/// fresh process of its own, alternating. <c>--cache DIR</c> keeps the generated file in DIR (named after the
/// parameters) and reuses it next time; without it the file lives in a temporary folder removed afterwards.
/// <c>--snapshot-every N</c> (500, the product's default) sets how often the history has a snapshot and
/// <c>--recovery-concurrency N</c> the product's <c>persistence.recovery.max-concurrent</c>.
/// Run with <c>-- fleet-recovery [--evses N] [--days N] [--sessions-per-day X] [--snapshot-every N] [--recovery-concurrency N] [--runs N] [--cache DIR]</c>.
/// </summary>
internal static class FleetRecoveryBenchmark
{
    public const string Command = "fleet-recovery";

    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        var evses = IntOption(args, "--evses", 1000);
        var days = IntOption(args, "--days", 365);
        var runs = IntOption(args, "--runs", 3);
        var sessionsPerDay = double.Parse(Option(args, "--sessions-per-day") ?? "1", CultureInfo.InvariantCulture);
        var snapshotEvery = IntOption(args, "--snapshot-every", 500);
        var recoverySettings = Option(args, "--recovery-concurrency") is { } concurrency ? $"recovery.max-concurrent = {concurrency}" : string.Empty;
        var cache = Option(args, "--cache");
        var keptPath = cache is null ? null : Path.Combine(cache, string.Create(CultureInfo.InvariantCulture, $"fleet-{evses}-evses-{days}-days-{sessionsPerDay}-sessions-snapshot-every-{snapshotEvery}.db"));
        var folder = keptPath is null ? Directory.CreateTempSubdirectory("everest-site-bench-fleet-").FullName : null;
        var path = keptPath ?? Path.Combine(folder!, "journal.db");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var reuse = keptPath is not null && File.Exists(path + ".generated");
            if (!reuse)
            {
                // A file without its marker is what an interrupted generation left behind.
                foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
                {
                    File.Delete(file);
                }
            }

            var database = await BenchmarkDatabase.OpenSqliteFileAsync(path);
            if (reuse)
            {
                Console.WriteLine($"Reusing {path}: {await File.ReadAllTextAsync(path + ".generated")}");
            }
            else
            {
                Console.WriteLine($"Generating {days} days of history for {evses:N0} EVSEs into {path} …");
                var facts = await FleetHistoryGenerator.GenerateAsync(database, evses, days, sessionsPerDay, snapshotEvery, Console.Out);
                var description = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{facts.Events:N0} events ({facts.Events / (double)evses:N0} per EVSE), {facts.Snapshots:N0} snapshots, {facts.TailEvents:N0} events after the latest snapshots, {facts.DatabaseBytes / 1e9:N2} GB, generated in {facts.GenerationTime.TotalSeconds:N0} s");
                Console.WriteLine(description);
                if (keptPath is not null)
                {
                    await File.WriteAllTextAsync(path + ".generated", description);
                }
            }

            var akka = new List<(double Wall, double SinceStart, IReadOnlyDictionary<string, string> Fields)>();
            var raw = new List<(double Wall, double SinceStart, IReadOnlyDictionary<string, string> Fields)>();
            for (var run = 1; run <= runs; run++)
            {
                raw.Add(await RecoverAsync(path, evses, useAkka: false, recoverySettings));
                akka.Add(await RecoverAsync(path, evses, useAkka: true, recoverySettings));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run}: raw {raw[^1].SinceStart / 1000:N2} s, Akka {akka[^1].SinceStart / 1000:N2} s (process start to every actor recovered)"));
            }

            var events = long.Parse(akka[0].Fields["events"], CultureInfo.InvariantCulture);
            var rawEvents = long.Parse(raw[0].Fields["events"], CultureInfo.InvariantCulture);
            if (events != rawEvents)
            {
                throw new InvalidOperationException($"Akka recovered {events} events' worth of history, the raw reader {rawEvents}.");
            }

            var replayed = double.Parse(akka[0].Fields["replayed"], CultureInfo.InvariantCulture);
            Console.WriteLine();
            Console.WriteLine($"Fleet recovery, {evses:N0} EVSEs, {days} days of history at {sessionsPerDay} sessions a day, a snapshot every {snapshotEvery} events{(recoverySettings.Length > 0 ? ", " + recoverySettings : string.Empty)}, {events:N0} events, {replayed:N0} replayed after snapshots; seconds from process start, median (min–max) of {runs}:");
            Console.WriteLine("| recovery | process start → all recovered | of which before the first read | replayed events/s |");
            Console.WriteLine("|---|---|---|---|");
            Print("raw reader, one connection (baseline)", raw, replayed);
            Print($"Akka.Persistence.Sql, {evses:N0} actors", akka, replayed);
        }
        finally
        {
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void Print(string name, List<(double Wall, double SinceStart, IReadOnlyDictionary<string, string> Fields)> runs, double replayed)
    {
        var seconds = runs.Select(r => r.SinceStart / 1000).ToList();
        var startup = runs.Select(r => double.Parse(r.Fields["system-started-ms"], CultureInfo.InvariantCulture) / 1000).ToList();
        var rates = runs.Select(r => replayed / ((r.SinceStart / 1000) - (double.Parse(r.Fields["system-started-ms"], CultureInfo.InvariantCulture) / 1000))).ToList();
        Console.WriteLine($"| {name} | {Trials.Summary(seconds, "N2")} s | {Trials.Summary(startup, "N2")} s | {Trials.Summary(rates)} |");
    }

    private static async Task<(double Wall, double SinceStart, IReadOnlyDictionary<string, string> Fields)> RecoverAsync(string path, int evses, bool useAkka, string persistenceSettings)
    {
        var (elapsed, output) = await ChildProcess.RunAsync(
            FleetRecoveryChild.Command, path, evses.ToString(CultureInfo.InvariantCulture), useAkka ? "akka" : "raw", persistenceSettings);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(FleetRecoveryChild.ResultPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The recovery process printed no result: {output}");
        var fields = Trials.Fields(line);
        return (elapsed.TotalMilliseconds, double.Parse(fields["since-process-start-ms"], CultureInfo.InvariantCulture), fields);
    }

    internal static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    internal static int IntOption(IReadOnlyList<string> args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
