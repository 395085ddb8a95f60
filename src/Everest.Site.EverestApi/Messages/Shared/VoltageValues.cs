using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Voltage in volts: DC or per AC phase.</summary>
public sealed record VoltageValues(
    [property: JsonPropertyName("DC")] double? Dc = null,
    [property: JsonPropertyName("L1")] double? L1 = null,
    [property: JsonPropertyName("L2")] double? L2 = null,
    [property: JsonPropertyName("L3")] double? L3 = null) : EverestObject;
