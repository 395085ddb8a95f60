namespace Everest.Site.Actors.Persistence;

/// <summary>
/// A stored event as a query returns it.
/// </summary>
/// <param name="Offset">
/// The journal's global ordering: strictly increasing in commit-visible order, so a reader that
/// remembers the last offset it processed and asks for events after it misses nothing.
/// </param>
public sealed record EventEnvelope(
    long Offset,
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    ReadOnlyMemory<byte> Payload,
    IReadOnlyList<string> Tags,
    DateTimeOffset Timestamp);
