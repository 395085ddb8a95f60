using System.Data.Common;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// A database for a benchmark: a SQLite file (WAL, <c>synchronous = FULL</c>) or a PostgreSQL database with a
/// random name on the server named by <c>EVEREST_SITE_BENCH_PG</c> (falling back to <c>EVEREST_SITE_TEST_PG</c>),
/// and the Akka.Persistence.Sql configuration (journal, snapshot store, our serializer) that writes to it.
/// A database this type created is removed again on dispose.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _serverConnectionString;
    private readonly string? _databaseName;

    private BenchmarkDatabase(JournalTarget target, string connectionString, string? folder, string? serverConnectionString, string? databaseName)
    {
        Target = target;
        ConnectionString = connectionString;
        _folder = folder;
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
    }

    public JournalTarget Target { get; }

    public string ConnectionString { get; }

    /// <summary>linq2db's name for the ADO.NET provider Akka.Persistence.Sql talks through.</summary>
    public string ProviderName => Target == JournalTarget.PostgreSql ? "PostgreSQL.15" : "SQLite.MS";

    /// <summary>Journal, snapshot store and serializer bindings, with Akka.Persistence.Sql's defaults behind them.</summary>
    public Config AkkaConfig => ConfigurationFactory.ParseString($$"""
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql { connection-string = "{{ConnectionString}}", provider-name = "{{ProviderName}}" }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.sql"
            sql { connection-string = "{{ConnectionString}}", provider-name = "{{ProviderName}}" }
          }
        }
        akka.actor {
          serializers.evse-history = "{{typeof(EvseHistorySerializer).AssemblyQualifiedName}}"
          serialization-bindings {
            "Everest.Site.Domain.Evse.History.IEvseHistoryEvent, Everest.Site.Domain" = evse-history
            "Everest.Site.Domain.Evse.EvseHistoryState, Everest.Site.Domain" = evse-history
          }
        }
        """).WithFallback(SqlPersistence.DefaultConfiguration);

    /// <summary>A new, empty database of <paramref name="target"/>.</summary>
    public static async Task<BenchmarkDatabase> CreateAsync(JournalTarget target)
    {
        if (target == JournalTarget.PostgreSql)
        {
            var server = Environment.GetEnvironmentVariable("EVEREST_SITE_BENCH_PG") ?? Environment.GetEnvironmentVariable("EVEREST_SITE_TEST_PG");
            if (string.IsNullOrWhiteSpace(server))
            {
                throw new InvalidOperationException(
                    "The PostgreSQL benchmarks need EVEREST_SITE_BENCH_PG (or EVEREST_SITE_TEST_PG); scripts/bench.sh starts a throwaway server.");
            }

            var name = $"everest_bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50 }.ConnectionString;
            return new BenchmarkDatabase(target, connectionString, null, server, name);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"everest-site-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var database = OpenSqlite(Path.Combine(folder, "journal.db"), folder);
        await database.EnableWalAsync();
        return database;
    }

    /// <summary>The SQLite file at <paramref name="path"/>, kept on dispose.</summary>
    public static async Task<BenchmarkDatabase> OpenSqliteFileAsync(string path)
    {
        var database = OpenSqlite(path, folder: null);
        await database.EnableWalAsync();
        return database;
    }

    /// <summary>A connection outside Akka (for the raw baselines and for writing generated history).</summary>
    public async Task<DbConnection> OpenRawConnectionAsync()
    {
        if (Target == JournalTarget.PostgreSql)
        {
            var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        var sqlite = new SqliteConnection(ConnectionString);
        await sqlite.OpenAsync();
        await using var pragmas = sqlite.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous = FULL";
        await pragmas.ExecuteNonQueryAsync();
        return sqlite;
    }

    /// <summary>Runs <paramref name="statements"/> on a connection outside Akka.</summary>
    public async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = await OpenRawConnectionAsync();
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The first column of every row <paramref name="query"/> returns, as strings.</summary>
    public async Task<IReadOnlyList<string>> QueryStringsAsync(string query)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Bytes on disk: the SQLite file and its WAL, or the PostgreSQL database.</summary>
    public long SizeInBytes()
    {
        if (Target == JournalTarget.PostgreSql)
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return (long)command.ExecuteScalar()!;
        }

        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        return new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        if (_serverConnectionString is not null)
        {
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static BenchmarkDatabase OpenSqlite(string path, string? folder) =>
        new(JournalTarget.SqliteFull, new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString, folder, null, null);

    /// <summary>WAL is a property of the file, so every connection Akka opens later uses it; FULL is SQLite's default sync.</summary>
    private async Task EnableWalAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        await command.ExecuteNonQueryAsync();
    }
}
