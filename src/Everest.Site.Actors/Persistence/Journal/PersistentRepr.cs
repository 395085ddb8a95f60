namespace Everest.Site.Actors.Persistence;

/// <summary>
/// One serialized event as the journal stores it. The journal never sees the event object itself:
/// the persistent actor serializes it (see <see cref="IEventSerializer"/>) before the write.
/// </summary>
/// <param name="PersistenceId">The stream the event belongs to, e.g. <c>evse-cp-1-1</c>.</param>
/// <param name="SequenceNr">1-based, contiguous within the stream.</param>
/// <param name="Manifest">Stable name of the event type and version, e.g. <c>evse.transaction-finished.v1</c>.</param>
/// <param name="Payload">The serialized event (UTF-8 JSON for our serializer).</param>
/// <param name="Tags">Tags the event can be queried by (see <see cref="IEventQuery"/>); may be empty.</param>
/// <param name="Timestamp">When the event was persisted, from the actor system's <see cref="TimeProvider"/>.</param>
/// <param name="WriterId">Identifies the actor incarnation that wrote it, to diagnose two writers on one stream.</param>
public sealed record PersistentRepr(
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    ReadOnlyMemory<byte> Payload,
    IReadOnlyList<string> Tags,
    DateTimeOffset Timestamp,
    Guid WriterId);
