using Everest.Site.Configuration;
using Everest.Site.Tests.Persistence;
using Npgsql;

namespace Everest.Site.Tests.Billing.Projection;

/// <summary>
/// The billing projection on PostgreSQL: a fresh database per test on the server named by <c>EVEREST_SITE_TEST_PG</c>.
/// Without that variable the tests fail and say how to provide a server; they never skip.
/// </summary>
public sealed class PostgresqlBillingProjectionTests : BillingProjectionContract
{
    private const string Variable = "EVEREST_SITE_TEST_PG";

    private readonly string _name = $"everest_billing_{Guid.NewGuid():N}";
    private string? _server;
    private PersistenceOptions? _options;

    protected override PersistenceOptions Options => _options ?? throw new InvalidOperationException("the database is created in InitializeAsync");

    public override async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL billing tests need a server: set {Variable} to an Npgsql connection string of a superuser, " +
                $"e.g. export {Variable}=$(scripts/start-test-postgres.sh \"$(mktemp -d)/pg\").");
        }

        await ExecuteAsync(_server, $"CREATE DATABASE \"{_name}\"");
        _options = PersistenceOptionsFor.Postgresql(new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString);
    }

    protected override async Task DisposeDatabaseAsync()
    {
        if (_options is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server!, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    protected override async Task ArmCrashAsync(string sessionUuid)
    {
        await ExecuteAsync(Options.Postgresql.ConnectionString!, $"""
            CREATE FUNCTION billing_crash() RETURNS trigger AS $$
            BEGIN
              IF NEW.session_uuid = '{sessionUuid}' THEN RAISE EXCEPTION 'simulated crash'; END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql
            """);
        await ExecuteAsync(Options.Postgresql.ConnectionString!, "CREATE TRIGGER billing_crash BEFORE INSERT ON charging_session FOR EACH ROW EXECUTE FUNCTION billing_crash()");
    }

    protected override async Task DisarmCrashAsync()
    {
        await ExecuteAsync(Options.Postgresql.ConnectionString!, "DROP TRIGGER billing_crash ON charging_session");
        await ExecuteAsync(Options.Postgresql.ConnectionString!, "DROP FUNCTION billing_crash()");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
