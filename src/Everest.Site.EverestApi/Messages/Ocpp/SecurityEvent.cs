using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An internal security event of the charger.</summary>
public sealed record SecurityEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("info")] string? Info = null,
    [property: JsonPropertyName("critical")] bool? Critical = null,
    [property: JsonPropertyName("timestamp")] DateTimeOffset? Timestamp = null) : EverestObject;
