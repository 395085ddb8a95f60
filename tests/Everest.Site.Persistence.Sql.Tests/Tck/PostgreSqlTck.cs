using Everest.Site.Actors.TestKit.Tck;
using Everest.Site.Persistence.Sql.Tests.Infrastructure;

namespace Everest.Site.Persistence.Sql.Tests.Tck;

public sealed class PostgreSqlJournalTck(PostgreSqlDatabase database) : JournalTck, IClassFixture<PostgreSqlDatabase>
{
    protected override Task<PersistenceUnderTest> CreateStoreAsync() => Stores.OpenPostgreSqlAsync(database);
}

public sealed class PostgreSqlEventQueryTck(PostgreSqlDatabase database) : EventQueryTck, IClassFixture<PostgreSqlDatabase>
{
    protected override Task<PersistenceUnderTest> CreateStoreAsync() => Stores.OpenPostgreSqlAsync(database);
}

public sealed class PostgreSqlSnapshotStoreTck(PostgreSqlDatabase database) : SnapshotStoreTck, IClassFixture<PostgreSqlDatabase>
{
    protected override Task<PersistenceUnderTest> CreateStoreAsync() => Stores.OpenPostgreSqlAsync(database);
}
