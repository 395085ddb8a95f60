using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One point of a V2X power-over-signal curve.</summary>
public sealed record V2XSignalWattPoint(
    [property: JsonPropertyName("signal")] int Signal,
    [property: JsonPropertyName("power")] double Power) : EverestObject;
