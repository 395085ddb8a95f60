using System.Text.Json.Serialization;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Persistence;

/// <summary>
/// Source-generated JSON metadata of everything the EVSE actor persists: its history events and its snapshot.
/// Enums are stored by name, so reordering an enum can never change what a stored event means; nulls are left out,
/// so a property added later as nullable reads old payloads unchanged.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SessionStarted))]
[JsonSerializable(typeof(Authorized))]
[JsonSerializable(typeof(Deauthorized))]
[JsonSerializable(typeof(TransactionStarted))]
[JsonSerializable(typeof(ChargingStarted))]
[JsonSerializable(typeof(ChargingPaused))]
[JsonSerializable(typeof(ChargingResumed))]
[JsonSerializable(typeof(TransactionFinished))]
[JsonSerializable(typeof(SessionFinished))]
[JsonSerializable(typeof(ReservationStarted))]
[JsonSerializable(typeof(ReservationEnded))]
[JsonSerializable(typeof(AvailabilityChanged))]
[JsonSerializable(typeof(WentOffline))]
[JsonSerializable(typeof(CameOnline))]
[JsonSerializable(typeof(HardwareCapabilitiesChanged))]
[JsonSerializable(typeof(CsmsTransactionIdAssigned))]
[JsonSerializable(typeof(MeterSampled))]
[JsonSerializable(typeof(SessionReconciled))]
[JsonSerializable(typeof(EvseHistoryState))]
internal sealed partial class EvseHistoryJson : JsonSerializerContext;
