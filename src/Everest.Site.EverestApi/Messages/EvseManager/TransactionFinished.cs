using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Data of a <c>TransactionFinished</c> event, with the OCMF signed values billing needs.</summary>
public sealed record TransactionFinished(
    [property: JsonPropertyName("meter_value")] Powermeter MeterValue,
    [property: JsonPropertyName("start_signed_meter_value")] SignedMeterValue? StartSignedMeterValue = null,
    [property: JsonPropertyName("signed_meter_value")] SignedMeterValue? SignedMeterValue = null,
    [property: JsonPropertyName("reason")] StopTransactionReason? Reason = null,
    [property: JsonPropertyName("id_tag")] ProvidedIdToken? IdTag = null) : EverestObject;
