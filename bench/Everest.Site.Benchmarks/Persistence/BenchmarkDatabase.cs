using System.Data.Common;
using Akka.Actor;
using Akka.Configuration;
using Everest.Site.Benchmarks.Common;
using Everest.Site.Configuration;
using Everest.Site.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// A database for a benchmark — a SQLite file (WAL, <c>synchronous = full</c>) or a PostgreSQL database with a
/// random name on the server named by <c>EVEREST_SITE_BENCH_PG</c> (falling back to <c>EVEREST_SITE_TEST_PG</c>) —
/// and the product's persistence settings for it: <c>everest-site.persistence</c> with <c>reference.conf</c>'s
/// defaults, turned into Akka settings by <see cref="SitePersistenceConfig"/> (Akka.Persistence.Sql, the history
/// serializer and tagging adapter, the SQLite connection pragmas). On PostgreSQL the journal writes with
/// <c>batch.parallelism = 3</c>, as docs/persistence.md advises for it. A database this type created is removed on dispose.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _serverConnectionString;
    private readonly string? _databaseName;

    private BenchmarkDatabase(JournalTarget target, string connectionString, string? folder, string? serverConnectionString, string? databaseName, string persistenceSettings = "")
    {
        Target = target;
        ConnectionString = connectionString;
        Options = BenchSiteOptions.Load(target == JournalTarget.PostgreSql
            ? $"everest-site.persistence {{ provider = postgresql, postgresql.connection-string = {BenchSiteOptions.Quote(connectionString)}, batch.parallelism = 3 }}"
            : $"everest-site.persistence {{ provider = sqlite, sqlite.path = {BenchSiteOptions.Quote(new SqliteConnectionStringBuilder(connectionString).DataSource)} }}\neverest-site.persistence {{ {persistenceSettings} }}").Persistence;
        _folder = folder;
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
    }

    public JournalTarget Target { get; }

    public string ConnectionString { get; }

    /// <summary>The product's persistence options for this database.</summary>
    public PersistenceOptions Options { get; }

    /// <summary>An actor system that persists as the site does, with <paramref name="extra"/> over the product's settings.</summary>
    public ActorSystem CreateSystem(string name, Config? extra = null) =>
        ActorSystem.Create(name, SitePersistenceConfig.ActorSystemSetup(Options, Actors.BenchActorSystem.Quiet(extra)));

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

    /// <summary>The SQLite file at <paramref name="path"/>, kept on dispose, with <paramref name="persistenceSettings"/> (HOCON inside <c>everest-site.persistence</c>) over the defaults.</summary>
    public static async Task<BenchmarkDatabase> OpenSqliteFileAsync(string path, string persistenceSettings = "")
    {
        var database = new BenchmarkDatabase(JournalTarget.SqliteFull, new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString, null, null, null, persistenceSettings);
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
        pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000";
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
