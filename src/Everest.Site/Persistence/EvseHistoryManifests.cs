using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using Everest.Site.Domain;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Persistence;

/// <summary>
/// The stable manifests of everything the EVSE actor persists. An event type names its own manifest
/// (<see cref="IVersionedEvent.Manifest"/>); the snapshot's is <see cref="Snapshot"/>. A manifest never changes once
/// something was stored under it: a new shape gets a new type and manifest (…v2), and the old one stays listed here
/// so that old history still reads.
/// </summary>
public static class EvseHistoryManifests
{
    /// <summary>Manifest of the <see cref="EvseHistoryState"/> snapshot.</summary>
    public const string Snapshot = "evse.history-state.v1";

    private static readonly IReadOnlyList<PersistedType> All = Build();

    private static readonly FrozenDictionary<Type, PersistedType> ByType = All.ToFrozenDictionary(t => t.Type);

    private static readonly FrozenDictionary<string, PersistedType> ByManifest = All.ToFrozenDictionary(t => t.Manifest, StringComparer.Ordinal);

    /// <summary>Every manifest and the type stored under it.</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = All.ToFrozenDictionary(t => t.Manifest, t => t.Type, StringComparer.Ordinal);

    internal static bool TryGet(Type type, out PersistedType persisted) => ByType.TryGetValue(type, out persisted!);

    internal static bool TryGet(string manifest, out PersistedType persisted) => ByManifest.TryGetValue(manifest, out persisted!);

    private static PersistedType[] Build()
    {
        var json = EvseHistoryJson.Default;
        return
        [
            Event(json.SessionStarted),
            Event(json.Authorized),
            Event(json.Deauthorized),
            Event(json.TransactionStarted),
            Event(json.ChargingStarted),
            Event(json.ChargingPaused),
            Event(json.ChargingResumed),
            Event(json.TransactionFinished),
            Event(json.SessionFinished),
            Event(json.ReservationStarted),
            Event(json.ReservationEnded),
            Event(json.AvailabilityChanged),
            Event(json.WentOffline),
            Event(json.CameOnline),
            Event(json.HardwareCapabilitiesChanged),
            Event(json.CsmsTransactionIdAssigned),
            Event(json.MeterSampled),
            PersistedType.Of(Snapshot, json.EvseHistoryState),
        ];
    }

    private static PersistedType Event<T>(JsonTypeInfo<T> typeInfo)
        where T : class, IVersionedEvent => PersistedType.Of(T.Manifest, typeInfo);
}
