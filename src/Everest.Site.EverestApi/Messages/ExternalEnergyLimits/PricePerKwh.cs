using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An energy price per kWh at a time.</summary>
public sealed record PricePerKwh(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("currency")] string Currency) : EverestObject;
