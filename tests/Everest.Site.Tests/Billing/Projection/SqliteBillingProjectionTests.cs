using Everest.Site.Billing.Projection;
using Everest.Site.Configuration;
using Everest.Site.Tests.Persistence;

namespace Everest.Site.Tests.Billing.Projection;

/// <summary>The billing projection on a SQLite file beside the journal, as on a gateway box.</summary>
public sealed class SqliteBillingProjectionTests : BillingProjectionContract
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("everest-site-billing-");

    public SqliteBillingProjectionTests()
    {
        Options = PersistenceOptionsFor.Sqlite(Path.Combine(_folder.FullName, "data", "site.db"));
    }

    protected override PersistenceOptions Options { get; }

    public override Task InitializeAsync() => Task.CompletedTask;

    protected override Task DisposeDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    protected override Task ArmCrashAsync(string sessionUuid) => ExecuteAsync(
        $"CREATE TRIGGER billing_crash BEFORE INSERT ON charging_session WHEN NEW.session_uuid = '{sessionUuid}' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END");

    protected override Task DisarmCrashAsync() => ExecuteAsync("DROP TRIGGER billing_crash");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await new BillingDatabase(Options).OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
