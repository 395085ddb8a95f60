using Npgsql;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// A fresh PostgreSQL database with a random name on the test server named by <c>EVEREST_SITE_TEST_PG</c>, dropped
/// on dispose. A missing variable or server fails the test with instructions; it never skips it.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable
{
    public const string Variable = "EVEREST_SITE_TEST_PG";

    private const string HowToStart =
        "Start a throwaway server with: d=$(mktemp -d); chmod 755 $d; export " + Variable +
        "=$(scripts/start-test-postgres.sh $d/pg)  (stop it later with scripts/stop-test-postgres.sh $d/pg).";

    private readonly string serverConnectionString;

    private PostgreSqlDatabase(string serverConnectionString, string name)
    {
        this.serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The connection string of this database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgreSqlDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException($"This test needs a PostgreSQL server: the environment variable {Variable} is not set. {HowToStart}");
        }

        var name = $"everest_crash_{Guid.NewGuid():N}";
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException)
        {
            throw new InvalidOperationException($"The PostgreSQL server named by {Variable} is not usable: {exception.Message}. {HowToStart}", exception);
        }

        return new PostgreSqlDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
