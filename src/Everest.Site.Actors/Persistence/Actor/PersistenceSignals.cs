namespace Everest.Site.Actors.Persistence;

/// <summary>
/// Results of a persistent actor's own asynchronous journal and snapshot work, sent to itself. Each carries
/// the instance that started the work, so a result arriving after a restart is recognised and ignored.
/// </summary>
internal abstract record PersistenceSignal(PersistentActor Owner);

internal sealed record SnapshotLoaded(PersistentActor Owner, SnapshotMetadata? Metadata, object? Snapshot) : PersistenceSignal(Owner);

internal sealed record ReplayedBatch(PersistentActor Owner, IReadOnlyList<ReplayedEvent> Events, bool IsLast, long HighestSequenceNr) : PersistenceSignal(Owner);

internal sealed record RecoveryFailed(PersistentActor Owner, Exception Cause) : PersistenceSignal(Owner);

internal sealed record WriteSucceeded(PersistentActor Owner, long WriteNr) : PersistenceSignal(Owner);

internal sealed record WriteFailed(PersistentActor Owner, long WriteNr, Exception Cause) : PersistenceSignal(Owner);

internal readonly record struct ReplayedEvent(long SequenceNr, object Event);
