using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using Everest.Site.Domain;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// Writes EVSE history events and the history snapshot as System.Text.Json under their stable Domain manifests,
/// the way the product stores them (no Newtonsoft, no type names in the journal).
/// </summary>
public sealed class EvseHistorySerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer id written beside every row.</summary>
    public const int Id = 4117;

    /// <summary>Manifest of the <see cref="EvseHistoryState"/> snapshot.</summary>
    public const string SnapshotManifest = "evse.history-state.v1";

    private static readonly Dictionary<Type, (string Manifest, JsonTypeInfo Info)> ByType = [];
    private static readonly Dictionary<string, JsonTypeInfo> ByManifest = new(StringComparer.Ordinal);

    static EvseHistorySerializer()
    {
        var json = EvseHistoryJsonContext.Default;
        Register(json.Authorized);
        Register(json.AvailabilityChanged);
        Register(json.CameOnline);
        Register(json.ChargingPaused);
        Register(json.ChargingResumed);
        Register(json.ChargingStarted);
        Register(json.CsmsTransactionIdAssigned);
        Register(json.Deauthorized);
        Register(json.HardwareCapabilitiesChanged);
        Register(json.MeterSampled);
        Register(json.ReservationEnded);
        Register(json.ReservationStarted);
        Register(json.SessionFinished);
        Register(json.SessionStarted);
        Register(json.TransactionFinished);
        Register(json.TransactionStarted);
        Register(json.WentOffline);
        ByType[typeof(EvseHistoryState)] = (SnapshotManifest, json.EvseHistoryState);
        ByManifest[SnapshotManifest] = json.EvseHistoryState;
    }

    public override int Identifier => Id;

    /// <summary>The same bytes <see cref="ToBinary"/> writes, without an actor system (for rows written straight into tables).</summary>
    public static byte[] Serialize(object value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, Lookup(value.GetType()).Info);

    public static string ManifestOf(object value) => Lookup(value.GetType()).Manifest;

    public override byte[] ToBinary(object obj) => Serialize(obj);

    public override string Manifest(object o) => ManifestOf(o);

    public override object FromBinary(byte[] bytes, string manifest) => Deserialize(bytes, manifest);

    /// <summary>What <see cref="FromBinary"/> returns, without an actor system (for rows read straight from tables).</summary>
    public static object Deserialize(byte[] bytes, string manifest) =>
        ByManifest.TryGetValue(manifest, out var info)
            ? JsonSerializer.Deserialize(bytes, info) ?? throw new SerializationException($"'{manifest}' decoded to null.")
            : throw new SerializationException($"No EVSE history type is stored as '{manifest}'.");

    private static (string Manifest, JsonTypeInfo Info) Lookup(Type type) =>
        ByType.TryGetValue(type, out var entry) ? entry : throw new ArgumentException($"{type} is not an EVSE history type.", nameof(type));

    private static void Register<T>(JsonTypeInfo<T> info)
        where T : IVersionedEvent, IEvseHistoryEvent
    {
        ByType[typeof(T)] = (T.Manifest, info);
        ByManifest[T.Manifest] = info;
    }
}
