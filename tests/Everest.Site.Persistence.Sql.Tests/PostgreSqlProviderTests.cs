using System.Data.Common;
using Everest.Site.Persistence.Sql.Tests.Infrastructure;
using Npgsql;

namespace Everest.Site.Persistence.Sql.Tests;

public sealed class PostgreSqlProviderTests(PostgreSqlDatabase database) : SqlProviderTests, IClassFixture<PostgreSqlDatabase>
{
    protected override SqlJournalSettings Settings => Stores.PostgreSql(database.ConnectionString);

    protected override IReadOnlyList<string> CrashWriterArguments => ["postgresql", database.ConnectionString];

    protected override async Task<DbConnection> OpenWithoutMigrationAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
