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

    internal static PersistedTypeTable Table { get; } = new(nameof(EvseHistoryManifests), Build());

    /// <summary>Every manifest and the type stored under it.</summary>
    public static IReadOnlyDictionary<string, Type> Types => Table.Types;

    private static PersistedType[] Build()
    {
        var json = EvseHistoryJson.Default;
        return
        [
            PersistedType.OfEvent(json.SessionStarted),
            PersistedType.OfEvent(json.Authorized),
            PersistedType.OfEvent(json.Deauthorized),
            PersistedType.OfEvent(json.TransactionStarted),
            PersistedType.OfEvent(json.ChargingStarted),
            PersistedType.OfEvent(json.ChargingPaused),
            PersistedType.OfEvent(json.ChargingResumed),
            PersistedType.OfEvent(json.TransactionFinished),
            PersistedType.OfEvent(json.SessionFinished),
            PersistedType.OfEvent(json.ReservationStarted),
            PersistedType.OfEvent(json.ReservationEnded),
            PersistedType.OfEvent(json.AvailabilityChanged),
            PersistedType.OfEvent(json.WentOffline),
            PersistedType.OfEvent(json.CameOnline),
            PersistedType.OfEvent(json.HardwareCapabilitiesChanged),
            PersistedType.OfEvent(json.CsmsTransactionIdAssigned),
            PersistedType.OfEvent(json.MeterSampled),
            PersistedType.OfEvent(json.SessionReconciled),
            PersistedType.Of(Snapshot, json.EvseHistoryState),
        ];
    }
}
