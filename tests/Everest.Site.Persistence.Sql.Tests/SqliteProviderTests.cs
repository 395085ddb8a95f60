using System.Data.Common;
using Everest.Site.Persistence.Sql.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Everest.Site.Persistence.Sql.Tests;

public sealed class SqliteProviderTests : SqlProviderTests, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    protected override SqlJournalSettings Settings => Stores.Sqlite(_folder.File("journal.db"));

    protected override IReadOnlyList<string> CrashWriterArguments => ["sqlite", _folder.File("journal.db")];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    protected override async Task<DbConnection> OpenWithoutMigrationAsync()
    {
        var connection = new SqliteConnection($"Data Source={_folder.File("journal.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
