using Everest.Site.Actors.TestKit.Tck;
using Everest.Site.Persistence.Sql.Tests.Infrastructure;

namespace Everest.Site.Persistence.Sql.Tests.Tck;

public sealed class SqliteJournalTck : JournalTck
{
    protected override Task<PersistenceUnderTest> CreateStoreAsync() => Stores.OpenSqliteAsync();
}

public sealed class SqliteEventQueryTck : EventQueryTck
{
    protected override Task<PersistenceUnderTest> CreateStoreAsync() => Stores.OpenSqliteAsync();
}

public sealed class SqliteSnapshotStoreTck : SnapshotStoreTck
{
    protected override Task<PersistenceUnderTest> CreateStoreAsync() => Stores.OpenSqliteAsync();
}
