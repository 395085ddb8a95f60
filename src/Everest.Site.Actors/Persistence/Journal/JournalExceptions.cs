namespace Everest.Site.Actors.Persistence;

/// <summary>
/// A write failed because the store could not take it (connection lost, disk full, …). Retrying later,
/// after the persistent actor's backoff, may help.
/// </summary>
public sealed class JournalWriteException : Exception
{
    public JournalWriteException(string message)
        : base(message)
    {
    }

    public JournalWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A write was refused because one of its sequence numbers is already stored for the persistence id:
/// two writers are using one stream. Retrying the same write can never help; the writer must recover.
/// </summary>
public sealed class JournalConcurrencyException : Exception
{
    public JournalConcurrencyException(string persistenceId, long sequenceNr)
        : base($"Sequence number {sequenceNr} of '{persistenceId}' is already stored: another writer is using this persistence id.")
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    public JournalConcurrencyException(string persistenceId, long sequenceNr, Exception innerException)
        : base($"Sequence number {sequenceNr} of '{persistenceId}' is already stored: another writer is using this persistence id.", innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    public string PersistenceId { get; }

    public long SequenceNr { get; }
}
