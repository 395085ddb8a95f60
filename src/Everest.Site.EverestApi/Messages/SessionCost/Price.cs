using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A price: currency and amount in minor units.</summary>
public sealed record Price(
    [property: JsonPropertyName("currency")] Currency Currency,
    [property: JsonPropertyName("value")] MoneyAmount Value) : EverestObject;
