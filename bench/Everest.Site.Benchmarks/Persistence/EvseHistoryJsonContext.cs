using System.Text.Json.Serialization;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>Source-generated JSON of the EVSE history events and snapshot state the benchmarks write (enums by name).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Authorized))]
[JsonSerializable(typeof(AvailabilityChanged))]
[JsonSerializable(typeof(CameOnline))]
[JsonSerializable(typeof(ChargingPaused))]
[JsonSerializable(typeof(ChargingResumed))]
[JsonSerializable(typeof(ChargingStarted))]
[JsonSerializable(typeof(CsmsTransactionIdAssigned))]
[JsonSerializable(typeof(Deauthorized))]
[JsonSerializable(typeof(HardwareCapabilitiesChanged))]
[JsonSerializable(typeof(MeterSampled))]
[JsonSerializable(typeof(ReservationEnded))]
[JsonSerializable(typeof(ReservationStarted))]
[JsonSerializable(typeof(SessionFinished))]
[JsonSerializable(typeof(SessionStarted))]
[JsonSerializable(typeof(TransactionFinished))]
[JsonSerializable(typeof(TransactionStarted))]
[JsonSerializable(typeof(WentOffline))]
[JsonSerializable(typeof(EvseHistoryState))]
internal sealed partial class EvseHistoryJsonContext : JsonSerializerContext;
