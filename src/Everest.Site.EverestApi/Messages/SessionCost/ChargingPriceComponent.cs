using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One component of a charging price.</summary>
public sealed record ChargingPriceComponent(
    [property: JsonPropertyName("category")] CostCategory? Category = null,
    [property: JsonPropertyName("price")] Price? Price = null) : EverestObject;
