using Npgsql;

namespace Everest.Site.Persistence.Sql.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database with a random name on the test server named by
/// <c>EVEREST_SITE_TEST_PG</c>, dropped on dispose. Use as a class fixture so each test class sees only
/// its own data. A missing variable or server fails the tests with instructions; it never skips them.
/// </summary>
public sealed class PostgreSqlDatabase : IAsyncLifetime
{
    public const string Variable = "EVEREST_SITE_TEST_PG";

    private const string HowToStart =
        "Start a throwaway server with: d=$(mktemp -d); chmod 755 $d; export " + Variable +
        "=$(scripts/start-test-postgres.sh $d/pg)  (stop it later with scripts/stop-test-postgres.sh $d/pg).";

    private string? _serverConnectionString;
    private string? _connectionString;

    public string Name { get; } = $"everest_test_{Guid.NewGuid():N}";

    /// <summary>The connection string of this fixture's own database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            throw new InvalidOperationException($"The PostgreSQL tests need a server: the environment variable {Variable} is not set. {HowToStart}");
        }

        try
        {
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL test server named by {Variable} ('{_serverConnectionString}') is not usable: {exception.Message}. {HowToStart}",
                exception);
        }

        _connectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = Name }.ConnectionString;
    }

    /// <summary>Runs SQL as the server's superuser on the server's maintenance database (not this one).</summary>
    public async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many server processes are connected to this fixture's database.</summary>
    public async Task<long> CountConnectionsAsync()
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", Name);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }
}
