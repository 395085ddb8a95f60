namespace Everest.Site.Actors.Persistence;

/// <summary>Snapshots kept in process memory: for tests and the demo's <c>memory</c> provider. Thread-safe.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    /// <summary>Guards <see cref="_snapshots"/>.</summary>
    private readonly Lock _gate = new();

    /// <summary>Per stream: its snapshots ordered by sequence number.</summary>
    private readonly Dictionary<string, SortedList<long, SelectedSnapshot>> _snapshots = new(StringComparer.Ordinal);

    public Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(metadata.PersistenceId, out var list))
            {
                list = [];
                _snapshots.Add(metadata.PersistenceId, list);
            }

            // Copy: the caller may reuse its buffer once the save has completed.
            list[metadata.SequenceNr] = new SelectedSnapshot(metadata, manifest, payload.ToArray());
        }

        return Task.CompletedTask;
    }

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            if (_snapshots.TryGetValue(persistenceId, out var list))
            {
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    var snapshot = list.GetValueAtIndex(i);
                    if (criteria.Matches(snapshot.Metadata))
                    {
                        return Task.FromResult<SelectedSnapshot?>(snapshot);
                    }
                }
            }
        }

        return Task.FromResult<SelectedSnapshot?>(null);
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            if (_snapshots.TryGetValue(persistenceId, out var list))
            {
                foreach (var key in list.Where(pair => criteria.Matches(pair.Value.Metadata)).Select(pair => pair.Key).ToList())
                {
                    list.Remove(key);
                }
            }
        }

        return Task.CompletedTask;
    }
}
