using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One point of a V2X power-over-frequency curve.</summary>
public sealed record V2XFreqWattPoint(
    [property: JsonPropertyName("frequency")] double Frequency,
    [property: JsonPropertyName("power")] double Power) : EverestObject;
