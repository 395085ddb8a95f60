using System.Data.Common;
using System.Text;
using BenchmarkDotNet.Attributes;
using Everest.Site.Actors;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql;
using Npgsql;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// Events per second written by 1,000 concurrent writers, each a persistence id writing one event at a
/// time and awaiting each write: once as 1,000 real <see cref="PersistentActor"/>s in an actor system on
/// the SQL journal (the path an EVSE actor's history takes), and once as 1,000 async loops driving
/// <see cref="IJournal"/> directly (the journal alone). The baseline, measured in the same
/// run on the same database, inserts as many rows of the same shape through one connection in
/// transactions of <see cref="RawBatchSize"/> rows with a prepared statement (a prepared batch on
/// PostgreSQL): the cost of the rows and the commits without any journal around them.
/// </summary>
[Config(typeof(PersistenceBenchmarkConfig))]
public class JournalWriteBenchmarks
{
    /// <summary>Concurrent writers (persistence ids).</summary>
    public const int Writers = 1000;

    /// <summary>Events each writer writes per measured run.</summary>
    public const int EventsPerWriter = 50;

    /// <summary>Events per measured run.</summary>
    public const int Events = Writers * EventsPerWriter;

    /// <summary>Rows per baseline transaction: what group commit gathers from 1,000 waiting writers.</summary>
    public const int RawBatchSize = Writers;

    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(
        """{"evse":"cp-1-1","session":"6f1c2b1e-7c7a-4a8e-9a51-3f1f2a9d0c11","energyWh":12345,"powerW":11000}""");

    private readonly Guid _writerId = Guid.NewGuid();
    private BenchmarkDatabase? _database;
    private SqlPersistence? _persistence;
    private DbConnection? _raw;
    private long _nextSequenceNr = 1;
    private ActorSystem? _system;
    private IActorRef[] _actors = [];
    private long _rawNextSequenceNr = 1;

    [ParamsAllValues]
    public JournalTarget Target { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync(Target);
        _persistence = await SqlPersistence.CreateAsync(_database.Settings);
        _raw = await _database.OpenRawConnectionAsync();
        await using var create = _raw.CreateCommand();
        create.CommandText = Target == JournalTarget.PostgreSql
            ? "CREATE TABLE raw_journal (ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL, manifest TEXT NOT NULL, payload BYTEA NOT NULL, tags TEXT NOT NULL, created_at BIGINT NOT NULL, writer_uuid UUID NOT NULL, deleted BOOLEAN NOT NULL DEFAULT FALSE, UNIQUE (persistence_id, sequence_nr))"
            : "CREATE TABLE raw_journal (ordering INTEGER PRIMARY KEY AUTOINCREMENT, persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL, manifest TEXT NOT NULL, payload BLOB NOT NULL, tags TEXT NOT NULL, created_at INTEGER NOT NULL, writer_uuid TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, UNIQUE (persistence_id, sequence_nr))";
        await create.ExecuteNonQueryAsync();

        _system = new ActorSystem(new ActorSystemOptions
        {
            Name = "bench",
            Journal = _persistence.Journal,
            SnapshotStore = _persistence.SnapshotStore,
            Serializer = PersistingActor.Serializer(),
        });
        _actors = Enumerable.Range(0, Writers)
            .Select(i => _system.ActorOf(Props.Create(() => new PersistingActor($"actor-{i}")), $"actor-{i}"))
            .ToArray();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_system is not null)
        {
            await _system.TerminateAsync();
        }

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

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "raw batched INSERT, one connection")]
    public Task RawBatchedInsertAsync() =>
        Target == JournalTarget.PostgreSql ? RawPostgreSqlAsync() : RawSqliteAsync();

    [Benchmark(OperationsPerInvoke = Events, Description = "journal, 1,000 concurrent writers")]
    public async Task JournalConcurrentWritersAsync()
    {
        var journal = _persistence!.Journal;
        var first = _nextSequenceNr;
        _nextSequenceNr += EventsPerWriter;
        var loops = new Task[Writers];
        for (var writer = 0; writer < Writers; writer++)
        {
            var persistenceId = $"evse-{writer}";
            loops[writer] = Task.Run(async () =>
            {
                for (var sequenceNr = first; sequenceNr < first + EventsPerWriter; sequenceNr++)
                {
                    var repr = new PersistentRepr(persistenceId, sequenceNr, "evse.meter-sample.v1", Payload, [], DateTimeOffset.UtcNow, _writerId);
                    await journal.WriteAsync(new AtomicWrite([repr]));
                }
            });
        }

        await Task.WhenAll(loops);
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "1,000 persistent actors, Persist one at a time")]
    public async Task PersistentActorsAsync()
    {
        var replies = new Task<EventsPersisted>[Writers];
        for (var i = 0; i < Writers; i++)
        {
            replies[i] = _actors[i].Ask<EventsPersisted>(new PersistEvents(EventsPerWriter), TimeSpan.FromMinutes(5));
        }

        await Task.WhenAll(replies);
    }

    private async Task RawSqliteAsync()
    {
        var connection = _raw!;
        await using var insert = connection.CreateCommand();
        insert.CommandText =
            "INSERT INTO raw_journal (persistence_id, sequence_nr, manifest, payload, tags, created_at, writer_uuid) VALUES (@p, @s, @m, @b, @t, @c, @w)";
        var persistenceId = Add(insert, "p");
        var sequenceNr = Add(insert, "s");
        var manifest = Add(insert, "m");
        var payload = Add(insert, "b");
        var tags = Add(insert, "t");
        var createdAt = Add(insert, "c");
        var writerId = Add(insert, "w");
        var first = _rawNextSequenceNr;
        _rawNextSequenceNr += EventsPerWriter;
        for (var done = 0; done < Events; done += RawBatchSize)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            insert.Transaction = transaction;
            for (var row = done; row < done + RawBatchSize; row++)
            {
                persistenceId.Value = $"evse-{row % Writers}";
                sequenceNr.Value = first + (row / Writers);
                manifest.Value = "evse.meter-sample.v1";
                payload.Value = Payload;
                tags.Value = "[]";
                createdAt.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
                writerId.Value = _writerId.ToString("D");
                if (row == done && done == 0)
                {
                    await insert.PrepareAsync();
                }

                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    private async Task RawPostgreSqlAsync()
    {
        var connection = (NpgsqlConnection)_raw!;
        await using var batch = new NpgsqlBatch(connection);
        for (var i = 0; i < RawBatchSize; i++)
        {
            var command = new NpgsqlBatchCommand(
                "INSERT INTO raw_journal (persistence_id, sequence_nr, manifest, payload, tags, created_at, writer_uuid) VALUES ($1, $2, $3, $4, $5, $6, $7)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = string.Empty });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "evse.meter-sample.v1" });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Payload });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "[]" });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = _writerId });
            batch.BatchCommands.Add(command);
        }

        await batch.PrepareAsync();
        var first = _rawNextSequenceNr;
        _rawNextSequenceNr += EventsPerWriter;
        for (var done = 0; done < Events; done += RawBatchSize)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            batch.Transaction = transaction;
            for (var row = done; row < done + RawBatchSize; row++)
            {
                var parameters = batch.BatchCommands[row - done].Parameters;
                ((NpgsqlParameter<string>)parameters[0]).TypedValue = $"evse-{row % Writers}";
                ((NpgsqlParameter<long>)parameters[1]).TypedValue = first + (row / Writers);
                ((NpgsqlParameter<long>)parameters[5]).TypedValue = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
            }

            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
