using Everest.Site.Persistence;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// The product's <see cref="EvseHistorySerializer"/>, for rows written straight into the journal and read straight
/// out of it, so that they are byte for byte what the site stores. Its reads and writes never touch the actor system
/// it is given, so one instance without a system serves here.
/// </summary>
internal static class HistorySerialization
{
    private static readonly EvseHistorySerializer Serializer = new(null!);

    public static int SerializerId => EvseHistorySerializer.SerializerId;

    public static string SnapshotManifest => EvseHistoryManifests.Snapshot;

    public static byte[] Serialize(object value) => Serializer.ToBinary(value);

    public static string ManifestOf(object value) => Serializer.Manifest(value);

    public static object Deserialize(byte[] bytes, string manifest) => Serializer.FromBinary(bytes, manifest);
}
