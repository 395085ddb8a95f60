using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Data of a <c>TransactionStarted</c> event; <c>reservation_id</c> is the only trace of a used reservation.</summary>
public sealed record TransactionStarted(
    [property: JsonPropertyName("id_tag")] ProvidedIdToken IdTag,
    [property: JsonPropertyName("meter_value")] Powermeter MeterValue,
    [property: JsonPropertyName("signed_meter_value")] SignedMeterValue? SignedMeterValue = null,
    [property: JsonPropertyName("reservation_id")] int? ReservationId = null) : EverestObject;
