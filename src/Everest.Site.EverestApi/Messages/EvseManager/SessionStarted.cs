using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Data of a <c>SessionStarted</c> event.</summary>
public sealed record SessionStarted(
    [property: JsonPropertyName("reason")] StartSessionReason Reason,
    [property: JsonPropertyName("meter_value")] Powermeter MeterValue,
    [property: JsonPropertyName("id_tag")] ProvidedIdToken? IdTag = null,
    [property: JsonPropertyName("signed_meter_value")] SignedMeterValue? SignedMeterValue = null,
    [property: JsonPropertyName("reservation_id")] int? ReservationId = null,
    [property: JsonPropertyName("logging_path")] string? LoggingPath = null) : EverestObject;
