using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Current in amperes: DC or per AC phase and neutral.</summary>
public sealed record CurrentValues(
    [property: JsonPropertyName("DC")] double? Dc = null,
    [property: JsonPropertyName("L1")] double? L1 = null,
    [property: JsonPropertyName("L2")] double? L2 = null,
    [property: JsonPropertyName("L3")] double? L3 = null,
    [property: JsonPropertyName("N")] double? N = null) : EverestObject;
