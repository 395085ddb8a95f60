using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A currency and the number of decimals its minor unit expresses.</summary>
public sealed record Currency(
    [property: JsonPropertyName("code")] CurrencyCode? Code = null,
    [property: JsonPropertyName("decimals")] int? Decimals = null) : EverestObject;
