using Everest.Site.Configuration;
using Npgsql;

namespace Everest.Site.Tests.Persistence;

/// <summary>
/// The site's persistence on PostgreSQL: a fresh database per test on the server named by <c>EVEREST_SITE_TEST_PG</c>.
/// Without that variable the tests fail and say how to provide a server; they never skip.
/// </summary>
public sealed class PostgresqlPersistenceTests : SitePersistenceContract
{
    private const string Variable = "EVEREST_SITE_TEST_PG";

    private readonly string _name = $"everest_persistence_{Guid.NewGuid():N}";
    private string? _server;
    private PersistenceOptions? _options;

    protected override PersistenceOptions Options => _options ?? throw new InvalidOperationException("the database is created in InitializeAsync");

    private string ConnectionString => Options.Postgresql.ConnectionString!;

    public override async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL persistence tests need a server: set {Variable} to an Npgsql connection string of a superuser, " +
                $"e.g. export {Variable}=$(scripts/start-test-postgres.sh \"$(mktemp -d)/pg\").");
        }

        await ExecuteOnServerAsync($"CREATE DATABASE \"{_name}\"");
        _options = PersistenceOptionsFor.Postgresql(new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString);
    }

    protected override async Task<IReadOnlyList<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }

    protected override async Task<IReadOnlyList<string>> TablesAsync()
    {
        var rows = await QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        return rows.Select(row => (string)row[0]!).ToList();
    }

    protected override async Task DisposeDatabaseAsync()
    {
        if (_options is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
