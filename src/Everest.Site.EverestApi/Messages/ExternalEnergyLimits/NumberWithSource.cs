using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A numeric limit and who set it.</summary>
public sealed record NumberWithSource(
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("source")] string Source) : EverestObject;
