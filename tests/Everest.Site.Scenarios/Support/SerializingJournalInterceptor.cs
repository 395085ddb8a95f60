using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.TestKit;
using Akka.Serialization;

namespace Everest.Site.Scenarios.Support;

/// <summary>One write as the journal received it: after the site's tagging adapter, serialized by the bound serializer.</summary>
public sealed record JournalWrite(string PersistenceId, long SequenceNr, string Manifest, IImmutableSet<string> Tags, object Event);

/// <summary>
/// Runs every write of the scenario's test journal through the serializer bound for it (the site's
/// <c>EvseHistorySerializer</c>) and back, so an event type that cannot be stored fails the write, and the story
/// with it, as it would on SQLite. Keeps what was written for stories that look at tags and manifests.
/// </summary>
public sealed class SerializingJournalInterceptor(ActorSystem system) : IJournalInterceptor
{
    private readonly Serialization _serialization = system.Serialization;
    private readonly ConcurrentQueue<JournalWrite> _writes = new();

    public IReadOnlyList<JournalWrite> Writes => [.. _writes];

    public Task InterceptAsync(IPersistentRepresentation message)
    {
        var (payload, tags) = message.Payload is Tagged tagged ? (tagged.Payload, tagged.Tags) : (message.Payload, ImmutableHashSet<string>.Empty);
        var serializer = _serialization.FindSerializerFor(payload);
        if (serializer is not SerializerWithStringManifest withManifest)
        {
            throw new InvalidOperationException($"{payload.GetType().Name} would be stored with {serializer.GetType().Name}, not a serializer with a stable manifest");
        }

        var manifest = withManifest.Manifest(payload);
        var read = withManifest.FromBinary(withManifest.ToBinary(payload), manifest);
        if (!read.Equals(payload))
        {
            throw new InvalidOperationException($"{payload.GetType().Name} does not read back as written: {read} instead of {payload}");
        }

        _writes.Enqueue(new JournalWrite(message.PersistenceId, message.SequenceNr, manifest, tags, read));
        return Task.CompletedTask;
    }
}
