using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An amount in minor units of the currency (1.23 EUR is 123).</summary>
public sealed record MoneyAmount(
    [property: JsonPropertyName("value")] long Value) : EverestObject;
