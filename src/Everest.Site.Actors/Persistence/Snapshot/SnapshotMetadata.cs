namespace Everest.Site.Actors.Persistence;

/// <summary>Which state a snapshot captures: the stream and the last event folded into it.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);
