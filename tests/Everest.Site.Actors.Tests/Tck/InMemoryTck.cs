using Everest.Site.Actors.Persistence;
using Everest.Site.Actors.TestKit.Tck;

namespace Everest.Site.Actors.Tests.Tck;

// The in-memory journal is the reference behaviour: it must pass the same suites as the SQL journal.
public sealed class InMemoryJournalTck : JournalTck
{
    protected override Task<PersistenceUnderTest> CreateStoreAsync() => Task.FromResult(InMemoryStore.Create());
}

public sealed class InMemoryEventQueryTck : EventQueryTck
{
    protected override Task<PersistenceUnderTest> CreateStoreAsync() => Task.FromResult(InMemoryStore.Create());
}

public sealed class InMemorySnapshotStoreTck : SnapshotStoreTck
{
    protected override Task<PersistenceUnderTest> CreateStoreAsync() => Task.FromResult(InMemoryStore.Create());
}

internal static class InMemoryStore
{
    public static PersistenceUnderTest Create()
    {
        var journal = new InMemoryJournal();
        return new PersistenceUnderTest(journal, journal, new InMemorySnapshotStore());
    }
}
