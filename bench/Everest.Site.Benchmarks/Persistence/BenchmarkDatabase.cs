using System.Data.Common;
using Everest.Site.Persistence.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// A fresh database for one benchmark run: a SQLite file in a temporary folder, or a PostgreSQL database
/// with a random name on the server named by <c>EVEREST_SITE_BENCH_PG</c> (falling back to
/// <c>EVEREST_SITE_TEST_PG</c>). Removed again on dispose.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _serverConnectionString;
    private readonly string? _databaseName;

    private BenchmarkDatabase(JournalTarget target, SqlJournalSettings settings, string? folder, string? serverConnectionString, string? databaseName)
    {
        Target = target;
        Settings = settings;
        _folder = folder;
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
    }

    public JournalTarget Target { get; }

    public SqlJournalSettings Settings { get; }

    public static async Task<BenchmarkDatabase> CreateAsync(JournalTarget target)
    {
        if (target == JournalTarget.PostgreSql)
        {
            var server = Environment.GetEnvironmentVariable("EVEREST_SITE_BENCH_PG") ?? Environment.GetEnvironmentVariable("EVEREST_SITE_TEST_PG");
            if (string.IsNullOrWhiteSpace(server))
            {
                throw new InvalidOperationException(
                    "The PostgreSQL benchmarks need EVEREST_SITE_BENCH_PG (or EVEREST_SITE_TEST_PG): start a server with scripts/start-test-postgres.sh DIR.");
            }

            var name = $"everest_bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 20 }.ConnectionString;
            return new BenchmarkDatabase(
                target,
                new SqlJournalSettings { Provider = SqlProvider.PostgreSql, PostgreSqlConnectionString = connectionString },
                null,
                server,
                name);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"everest-site-bench-{Guid.NewGuid():N}");
        var settings = new SqlJournalSettings
        {
            Provider = SqlProvider.Sqlite,
            SqlitePath = Path.Combine(folder, "journal.db"),
            SqliteSynchronous = target == JournalTarget.SqliteFull ? SqliteSynchronous.Full : SqliteSynchronous.Normal,
        };
        return new BenchmarkDatabase(target, settings, folder, null, null);
    }

    /// <summary>A connection outside the journal, set up as the journal's writer is (for the raw baselines).</summary>
    public async Task<DbConnection> OpenRawConnectionAsync()
    {
        if (Target == JournalTarget.PostgreSql)
        {
            var connection = new NpgsqlConnection(Settings.PostgreSqlConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        var sqlite = new SqliteConnection($"Data Source={Settings.SqlitePath};Pooling=False");
        await sqlite.OpenAsync();
        await using var pragmas = sqlite.CreateCommand();
        pragmas.CommandText =
            $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(Target == JournalTarget.SqliteFull ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = 5000";
        await pragmas.ExecuteNonQueryAsync();
        return sqlite;
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
}
