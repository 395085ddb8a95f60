namespace Everest.Site.Benchmarks.Persistence;

/// <summary>One event as Akka.Persistence.Sql stores it: the payload already serialized by our serializer, and its tags.</summary>
internal sealed record JournalRow(string PersistenceId, long SequenceNr, byte[] Message, string Manifest, IReadOnlyList<string> Tags);
