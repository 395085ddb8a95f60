using Everest.Site.Actors.TestKit.Tck;

namespace Everest.Site.Persistence.Sql.Tests.Infrastructure;

/// <summary>Opens SQL persistence for the tests.</summary>
public static class Stores
{
    public static SqlJournalSettings Sqlite(string path, SqliteSynchronous synchronous = SqliteSynchronous.Full) => new()
    {
        Provider = SqlProvider.Sqlite,
        SqlitePath = path,
        SqliteSynchronous = synchronous,
        QueryPollInterval = TimeSpan.FromMilliseconds(50),
    };

    public static SqlJournalSettings PostgreSql(string connectionString) => new()
    {
        Provider = SqlProvider.PostgreSql,
        PostgreSqlConnectionString = connectionString,
        QueryPollInterval = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>A SQLite store in its own temporary folder, removed with the store.</summary>
    public static async Task<PersistenceUnderTest> OpenSqliteAsync()
    {
        var folder = new TemporaryFolder();
        var persistence = await SqlPersistence.CreateAsync(Sqlite(folder.File("journal.db")));
        return new PersistenceUnderTest(persistence.Journal, persistence.Query, persistence.SnapshotStore, new Owner(persistence, folder));
    }

    public static async Task<PersistenceUnderTest> OpenPostgreSqlAsync(PostgreSqlDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var persistence = await SqlPersistence.CreateAsync(PostgreSql(database.ConnectionString));
        return new PersistenceUnderTest(persistence.Journal, persistence.Query, persistence.SnapshotStore, persistence);
    }

    private sealed class Owner(SqlPersistence persistence, TemporaryFolder folder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await persistence.DisposeAsync();
            folder.Dispose();
        }
    }
}
