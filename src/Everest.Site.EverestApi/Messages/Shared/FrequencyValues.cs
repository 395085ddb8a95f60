using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>AC grid frequency in hertz per phase.</summary>
public sealed record FrequencyValues(
    [property: JsonPropertyName("L1")] double? L1 = null,
    [property: JsonPropertyName("L2")] double? L2 = null,
    [property: JsonPropertyName("L3")] double? L3 = null) : EverestObject;
