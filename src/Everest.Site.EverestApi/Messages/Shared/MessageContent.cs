using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A text for the charger's display (tariff and price information), in one language.</summary>
public sealed record MessageContent(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("format")] MessageFormat? Format = null,
    [property: JsonPropertyName("language")] string? Language = null) : EverestObject;
