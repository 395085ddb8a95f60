using Everest.Site.Actors.Persistence;
using Xunit;

namespace Everest.Site.Actors.TestKit.Tck;

/// <summary>
/// What the conformance suites share: a store under test, created before each test by the concrete class's
/// <see cref="CreateStoreAsync"/> and disposed after it. Tests use unique persistence ids and tags, so a store
/// may be shared by the tests of a class.
/// </summary>
public abstract class PersistenceTck : IAsyncLifetime
{
    private PersistenceUnderTest? _store;

    protected IJournal Journal => Store.Journal;

    protected IEventQuery Query => Store.Query;

    protected ISnapshotStore Snapshots => Store.SnapshotStore;

    private PersistenceUnderTest Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    public async Task InitializeAsync() => _store = await CreateStoreAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The store under test, empty or at least free of the ids this suite generates.</summary>
    protected abstract Task<PersistenceUnderTest> CreateStoreAsync();
}
