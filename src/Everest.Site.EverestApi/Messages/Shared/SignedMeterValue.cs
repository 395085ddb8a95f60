using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A signed meter value report (e.g. OCMF) as the meter produced it.</summary>
public sealed record SignedMeterValue(
    [property: JsonPropertyName("signed_meter_data")] string SignedMeterData,
    [property: JsonPropertyName("signing_method")] string SigningMethod,
    [property: JsonPropertyName("encoding_method")] string EncodingMethod,
    [property: JsonPropertyName("public_key")] string? PublicKey = null,
    [property: JsonPropertyName("timestamp")] DateTimeOffset? Timestamp = null) : EverestObject;
