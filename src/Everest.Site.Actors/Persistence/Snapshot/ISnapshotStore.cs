namespace Everest.Site.Actors.Persistence;

/// <summary>Stores snapshots of persistent actors' state so recovery need not replay every event.</summary>
public interface ISnapshotStore
{
    /// <summary>Stores (or replaces) the snapshot for <paramref name="metadata"/>'s persistence id and sequence number.</summary>
    Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);

    /// <summary>The latest snapshot matching <paramref name="criteria"/>, or null when there is none.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of the persistence id matching <paramref name="criteria"/>.</summary>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
