using System.Data.Common;
using System.Text;
using BenchmarkDotNet.Attributes;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// Events per second replayed from one long history (recovery of a persistent actor without a snapshot),
/// beside a raw data reader over the same rows on the same database.
/// </summary>
[Config(typeof(PersistenceBenchmarkConfig))]
public class JournalReplayBenchmarks
{
    public const int Events = 100_000;

    private const string PersistenceId = "evse-long-history";

    private BenchmarkDatabase? _database;
    private SqlPersistence? _persistence;
    private DbConnection? _raw;

    [Params(JournalTarget.SqliteFull, JournalTarget.PostgreSql)]
    public JournalTarget Target { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync(Target);
        _persistence = await SqlPersistence.CreateAsync(_database.Settings);
        var writerId = Guid.NewGuid();
        for (var first = 1; first <= Events; first += 1000)
        {
            var events = Enumerable.Range(first, 1000)
                .Select(sequenceNr => new PersistentRepr(
                    PersistenceId,
                    sequenceNr,
                    "evse.meter-sample.v1",
                    Encoding.UTF8.GetBytes($$"""{"evse":"cp-1-1","seq":{{sequenceNr}},"energyWh":12345,"powerW":11000}"""),
                    ["evse", "billing"],
                    DateTimeOffset.UtcNow,
                    writerId))
                .ToList();
            await _persistence.Journal.WriteAsync(new AtomicWrite(events));
        }

        _raw = await _database.OpenRawConnectionAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_raw is not null)
        {
            await _raw.DisposeAsync();
        }

        if (_persistence is not null)
        {
            await _persistence.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "raw data reader, same rows")]
    public async Task<long> RawReaderAsync()
    {
        await using var command = _raw!.CreateCommand();
        command.CommandText =
            "SELECT ordering, persistence_id, sequence_nr, manifest, payload, tags, created_at, writer_uuid FROM journal " +
            $"WHERE persistence_id = '{PersistenceId}' AND deleted = FALSE ORDER BY sequence_nr";
        await using var reader = await command.ExecuteReaderAsync();
        long bytes = 0;
        while (await reader.ReadAsync())
        {
            bytes += reader.GetString(1).Length + reader.GetInt64(2) + reader.GetString(3).Length
                + reader.GetFieldValue<byte[]>(4).Length + reader.GetString(5).Length + reader.GetInt64(6) + reader.GetGuid(7).GetHashCode();
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "journal replay, 100,000 events")]
    public async Task<long> ReplayAsync()
    {
        long count = 0;
        await foreach (var repr in _persistence!.Journal.ReplayAsync(PersistenceId, 1, long.MaxValue, long.MaxValue))
        {
            count += repr.SequenceNr;
        }

        return count;
    }
}
