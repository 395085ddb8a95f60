using System.Diagnostics;
using System.Globalization;
using Everest.Site.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>
/// The reliability suite (issue 14): each fault against <c>everest-site run</c> with the simulator keeping the ground
/// truth, then the journal compared with it: 0 lost, 0 duplicated, no sequence gap, the process alive. The normal test
/// run plays each fault small (<see cref="ReliabilitySize.Ci"/>); <c>scripts/reliability.sh</c> plays them at
/// <c>quick</c> or <c>full</c> size and prints the table.
/// </summary>
public sealed class ReliabilitySuiteTests(ITestOutputHelper output) : IDisposable
{
    private readonly ReliabilitySize _size = ReliabilitySize.Selected;
    private readonly string _folder = OpenTemporaryFolder();

    [Fact]
    public Task Sigkills_at_random_moments_under_load_lose_and_duplicate_nothing_on_sqlite() =>
        RunAsync($"{_size.Kills} SIGKILLs under load", "sqlite", Sqlite(), KillsAsync, killing: true);

    [Fact]
    public async Task Sigkills_at_random_moments_under_load_lose_and_duplicate_nothing_on_postgresql()
    {
        await using var database = await PostgreSqlDatabase.CreateAsync();
        await RunAsync($"{_size.Kills} SIGKILLs under load", "postgresql", Postgresql(database.ConnectionString), KillsAsync, killing: true);
    }

    [Fact]
    public Task Mosquitto_stopped_while_cars_charge_loses_and_duplicates_nothing() =>
        RunAsync($"mosquitto stopped {_size.BrokerOutage.TotalSeconds:0} s", "sqlite", Sqlite(), async context =>
        {
            await context.Broker.StopAsync();
            await FaultContext.WaitAsync(_size.BrokerOutage);
            await context.Broker.StartAgainAsync();
            return $"simulator kept {context.Simulator.WaitingForBroker} messages at restart";
        });

    [Fact]
    public async Task Postgresql_stopped_while_cars_charge_loses_and_duplicates_nothing()
    {
        var server = Path.Combine(_folder, "pg");
        var connection = (await ScriptAsync("start-test-postgres.sh", server)).Trim();
        try
        {
            await RunAsync($"PostgreSQL stopped {_size.DatabaseOutage.TotalSeconds:0} s", "postgresql", Postgresql(connection), async context =>
            {
                var health = await WhileJournalFailsAsync(context, () => ScriptAsync("pause-test-postgres.sh", server, _size.DatabaseOutage.TotalSeconds.ToString(CultureInfo.InvariantCulture)));
                return $"own server, stopped with pg_ctl -m fast; {health}";
            });
        }
        finally
        {
            await ScriptAsync("stop-test-postgres.sh", server);
        }
    }

    /// <summary>
    /// The reproductions of issue 14 (see <see cref="IssueReproductions"/>), each a row of its own. Number 2 (input
    /// sent while an EVSE actor backs off) is played as a full disk under the SQLite journal; its database outage is
    /// the PostgreSQL row above; the full disk is played under both journals. The normal test run plays only the full
    /// disk under SQLite, for a few seconds: the others take minutes each and belong to <c>scripts/reliability.sh</c>.
    /// </summary>
    public static TheoryData<int, string> Reproductions => ReliabilitySize.Selected == ReliabilitySize.Ci
        ? new() { { 2, "sqlite" } }
        : new() { { 1, "sqlite" }, { 2, "sqlite" }, { 2, "postgresql" }, { 3, "sqlite" }, { 4, "sqlite" }, { 5, "sqlite" }, { 6, "sqlite" }, { 7, "sqlite" } };

    [Theory]
    [MemberData(nameof(Reproductions))]
    public Task Issue_14_reproduction_loses_and_duplicates_nothing(int reproduction, string database)
    {
        var issue = new IssueReproductions(_size, _folder);
        return reproduction switch
        {
            1 => RunAsync("1: retained 1e400 powermeter", "sqlite", Sqlite(), issue.InfinitePowermeterAsync),
            2 when database == "postgresql" => FullDiskUnderPostgresqlAsync(),
            2 => FullDiskAsync(),
            3 => RunAsync("3: hw_capabilities flood", "sqlite", Sqlite(), issue.CapabilitiesFloodAsync),
            4 => RunAsync("4: replays and absurd facts", "sqlite", Sqlite(), issue.ReplaysAndAbsurdFactsAsync),
            5 => RunAsync("5: SIGKILL after session event", "sqlite", Sqlite(), issue.KillsAfterSessionEventsAsync),
            6 => RunAsync("6: hostile replyTo, long topics", "sqlite", Sqlite(), issue.HostileReplyToAsync),
            7 => RunAsync("7: secrets, file modes, status", "sqlite", Sqlite(), issue.SecretsFilesAndStatusAsync),
            _ => throw new ArgumentOutOfRangeException(nameof(reproduction), reproduction, "issue 14 has seven reproductions"),
        };
    }

    private async Task FullDiskAsync()
    {
        await using var disk = await SmallFileSystem.MountAsync(Path.Combine(_folder, "disk"), JournalDiskMegabytes);
        var persistence = $"provider = sqlite, sqlite.path = \"{Path.Combine(disk.MountPoint, "data", "site.db")}\"";
        await RunAsync($"2: disk full {_size.FullDisk.TotalSeconds:0} s", "sqlite", persistence, async context =>
            $"tmpfs of {JournalDiskMegabytes} MB, {await FillDiskAsync(context, disk, DiskFullError)}");
    }

    /// <summary>
    /// Fills <paramref name="disk"/> for the full-disk time while reading <c>/health</c>, then frees it. The row fails
    /// unless the controller logged <paramref name="error"/> meanwhile, so a fault that did not happen cannot pass.
    /// </summary>
    /// <returns>The note: how many log lines of a full disk, and what <c>/health</c> said.</returns>
    private async Task<string> FillDiskAsync(FaultContext context, SmallFileSystem disk, string error)
    {
        context.Controller.Watch(error);
        long filler = 0;
        var refused = 0;
        var health = await WhileJournalFailsAsync(context, async () =>
        {
            filler = disk.Fill();
            await FaultContext.WaitAsync(_size.FullDisk);
            refused = context.Controller.LinesContaining(error);
            disk.Free();
        });
        Assert.True(refused > 0, $"The journal never reported a full disk in {_size.FullDisk.TotalSeconds:0} s (filler {filler / 1024} kB): the fault did not happen.");
        return string.Create(CultureInfo.InvariantCulture, $"{refused} log lines of a full disk; {health}");
    }

    /// <summary>
    /// The suite's own PostgreSQL server with its data on the small file system: a full disk makes its writes fail
    /// ("could not extend file": No space left on device) while the server stays up.
    /// </summary>
    private async Task FullDiskUnderPostgresqlAsync()
    {
        await using var disk = await SmallFileSystem.MountAsync(Path.Combine(_folder, "pgdisk"), PostgresqlDiskMegabytes);
        var server = Path.Combine(disk.MountPoint, "pg");
        var connection = (await ScriptAsync("start-test-postgres.sh", server)).Trim();
        try
        {
            await RunAsync($"2: disk full {_size.FullDisk.TotalSeconds:0} s", "postgresql", Postgresql(connection), async context =>
                $"own server on a tmpfs of {PostgresqlDiskMegabytes} MB, {await FillDiskAsync(context, disk, NoSpaceError)}");
        }
        finally
        {
            await ScriptAsync("stop-test-postgres.sh", server);
        }
    }

    /// <summary>
    /// The hostile payloads are published twice, in equal bursts: the first sizes the runtime's heap to the flood, so
    /// memory is judged by the growth over the second (<see cref="ReliabilityRow.RepeatedBurstBoundMb"/>), which input
    /// the controller keeps would grow again.
    /// </summary>
    [Fact]
    public Task Hostile_payloads_over_every_subscribed_topic_lose_and_duplicate_nothing() =>
        RunAsync($"2 × {_size.HostilePayloads:N0} hostile payloads", "sqlite", Sqlite(), async context =>
        {
            context.Controller.Watch(DroppedMessagesWarning);
            var watch = Stopwatch.StartNew();
            var topics = await HostilePayloads.PublishAsync(context.Broker, context.Simulator.Options, _size.HostilePayloads);
            var firstBurst = watch.Elapsed;
            var afterFirst = await context.SettledMemoryAsync();
            await HostilePayloads.PublishAsync(context.Broker, context.Simulator.Options, _size.HostilePayloads);
            var afterSecond = await context.SettledMemoryAsync();
            var peak = ResidentMemory.PeakMegabytes(context.Controller.Id);
            context.RepeatedBurstGrowthMb = afterSecond - afterFirst;
            return string.Create(CultureInfo.InvariantCulture,
                $"{topics} topics, a burst published in {firstBurst.TotalSeconds:0.0} s; settled rss {afterFirst:0} MB after the first burst, {afterSecond:0} MB after the second ({afterSecond - afterFirst:+0;-0} MB, bound +{ReliabilityRow.RepeatedBurstBoundMb:0}), peak rss {peak:0} MB; {context.Controller.LinesContaining(DroppedMessagesWarning)} warnings of QoS 0 messages dropped behind the handlers");
        });

    /// <summary>
    /// Plays a fault that makes the journal's writes fail while reading <c>/health</c> twice a second: the journal must
    /// be reported degraded or unhealthy during the fault (or just after it, when the write that fails was under way as
    /// it ended), and healthy again (within a minute, as the EVSE actors recover from their backoff) after it.
    /// </summary>
    private static async Task<string> WhileJournalFailsAsync(FaultContext context, Func<Task> fault)
    {
        var (during, after, healthyAfter) = await context.Health.WatchJournalThroughAsync(fault, TimeSpan.FromSeconds(60));
        var late = after.NotHealthy > 0 ? string.Create(CultureInfo.InvariantCulture, $" (and in {after.NotHealthy} after it)") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{during}{late}, healthy {healthyAfter.TotalSeconds:0} s after");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A database server's files may still be closing; the temporary folder is the system's to clean.
        }
    }

    private async Task<string> KillsAsync(FaultContext context)
    {
        var random = new Random(_size.Kills);
        for (var kill = 0; kill < _size.Kills; kill++)
        {
            // A random moment, not a quiet one: the broker may be delivering and the journal writing.
            await FaultContext.WaitAsync(TimeSpan.FromMilliseconds(random.Next(200, 3000)));
            await context.KillAndRestartAsync();
        }

        return "kills 0.2-3 s after each restart";
    }

    /// <summary>The journal's own file system: room for the run's journal, small enough to fill in a moment.</summary>
    private const int JournalDiskMegabytes = 48;

    /// <summary>Room for a fresh PostgreSQL cluster (about 40 MB), its WAL segments and the run's journal.</summary>
    private const int PostgresqlDiskMegabytes = 192;

    /// <summary>What PostgreSQL says when a write finds no room (ENOSPC), as the controller logs it.</summary>
    private const string NoSpaceError = "No space left on device";

    /// <summary>What SQLite says when a write finds no room (SQLITE_FULL), as the controller logs it.</summary>
    private const string DiskFullError = "database or disk is full";

    /// <summary>The MQTT transport's (rate-limited) warning that its inbound queue dropped QoS 0 messages behind slow handlers.</summary>
    private const string DroppedMessagesWarning = "QoS 0 messages dropped";

    /// <summary>Outages and floods need a few rounds of cars around them; SIGKILLs get as many rounds as the size asks, to stay under load.</summary>
    private const int RoundsAroundAnOutage = 4;

    private async Task RunAsync(string fault, string database, string persistence, Func<FaultContext, Task<string>> inject, bool killing = false)
    {
        var rounds = killing ? _size.Rounds : Math.Min(_size.Rounds, RoundsAroundAnOutage);
        var row = await ReliabilityRun.RunAsync(fault, database, persistence, _size, rounds, inject, output, _folder);
        row.AppendToTable();
        Assert.True(row.Passed, $"{row.Fault} on {row.Database}: {row.Lost} lost, {row.Duplicated} duplicated, {row.SequenceGaps} streams with gaps, alive: {row.Alive}, memory {row.MemoryStartMb:0} → {row.MemoryEndMb:0} MB, over a repeated burst {row.RepeatedBurstGrowthMb?.ToString("+0", CultureInfo.InvariantCulture) ?? "-"} MB (flat: at most +{ReliabilityRow.MemoryGrowthBoundMb:0} MB, or +{ReliabilityRow.RepeatedBurstBoundMb:0} MB over a repeated burst) (details in the test output)");
    }

    /// <summary>A temporary folder others may enter: the PostgreSQL server of the outage test runs as user postgres.</summary>
    private static string OpenTemporaryFolder()
    {
        var folder = Directory.CreateTempSubdirectory("everest-site-reliability-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return folder;
    }

    private string Sqlite() => $"provider = sqlite, sqlite.path = \"{Path.Combine(_folder, "data", "site.db")}\"";

    private static string Postgresql(string connectionString) => $"provider = postgresql, postgresql.connection-string = \"{connectionString}\"";

    /// <summary>Runs one of the repository's scripts/ and returns its stdout; fails with its stderr.</summary>
    private static async Task<string> ScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "scripts", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"scripts/{script} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Everest.Site.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Everest.Site.sln above {AppContext.BaseDirectory}.");
    }
}
