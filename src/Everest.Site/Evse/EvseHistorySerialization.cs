using System.Text.Json.Serialization.Metadata;
using Everest.Site.Actors.Persistence;
using Everest.Site.Domain;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Evse;

/// <summary>Registers the EVSE history events and snapshot with a <see cref="JsonEventSerializer"/>.</summary>
public static class EvseHistorySerialization
{
    /// <summary>Manifest of the <see cref="EvseHistoryState"/> snapshot.</summary>
    public const string SnapshotManifest = "evse.history-state.v1";

    /// <summary>Adds every EVSE history event (under its Domain manifest) and the snapshot state to <paramref name="serializer"/>.</summary>
    public static JsonEventSerializer RegisterEvseHistory(this JsonEventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var json = EvseHistoryJsonContext.Default;
        Register(serializer, json.SessionStarted);
        Register(serializer, json.Authorized);
        Register(serializer, json.Deauthorized);
        Register(serializer, json.TransactionStarted);
        Register(serializer, json.ChargingStarted);
        Register(serializer, json.ChargingPaused);
        Register(serializer, json.ChargingResumed);
        Register(serializer, json.TransactionFinished);
        Register(serializer, json.SessionFinished);
        Register(serializer, json.ReservationStarted);
        Register(serializer, json.ReservationEnded);
        Register(serializer, json.AvailabilityChanged);
        Register(serializer, json.WentOffline);
        Register(serializer, json.CameOnline);
        Register(serializer, json.HardwareCapabilitiesChanged);
        Register(serializer, json.CsmsTransactionIdAssigned);
        Register(serializer, json.MeterSampled);
        serializer.Register(SnapshotManifest, json.EvseHistoryState);
        return serializer;
    }

    private static void Register<T>(JsonEventSerializer serializer, JsonTypeInfo<T> typeInfo)
        where T : IVersionedEvent => serializer.Register(T.Manifest, typeInfo);
}
