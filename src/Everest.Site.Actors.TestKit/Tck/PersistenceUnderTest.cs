using Everest.Site.Actors.Persistence;

namespace Everest.Site.Actors.TestKit.Tck;

/// <summary>
/// A store under conformance test: its journal, its query and its snapshot store (over the same data),
/// and what to dispose when the test ends.
/// </summary>
public sealed class PersistenceUnderTest(IJournal journal, IEventQuery query, ISnapshotStore snapshotStore, IAsyncDisposable? owner = null)
    : IAsyncDisposable
{
    public IJournal Journal { get; } = journal;

    public IEventQuery Query { get; } = query;

    public ISnapshotStore SnapshotStore { get; } = snapshotStore;

    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
