using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Prices from a given time on.</summary>
public sealed record NextPeriodPrice(
    [property: JsonPropertyName("timestamp_from")] DateTimeOffset TimestampFrom,
    [property: JsonPropertyName("charging_price")] IReadOnlyList<ChargingPriceComponent> ChargingPrice,
    [property: JsonPropertyName("idle_price")] IdlePrice? IdlePrice = null) : EverestObject;
