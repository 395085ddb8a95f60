namespace Everest.Site.Actors.Persistence;

/// <summary>
/// Bounds for choosing snapshots: the latest one whose sequence number is at most
/// <see cref="MaxSequenceNr"/> and whose timestamp is at most <see cref="MaxTimestamp"/> (when given).
/// </summary>
public sealed record SnapshotSelectionCriteria(long MaxSequenceNr, DateTimeOffset? MaxTimestamp = null)
{
    /// <summary>Any snapshot: the latest one wins.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue);

    /// <summary>No snapshot at all: recovery replays every event.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0);

    public bool Matches(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.SequenceNr <= MaxSequenceNr
            && (MaxTimestamp is null || metadata.Timestamp <= MaxTimestamp);
    }
}
