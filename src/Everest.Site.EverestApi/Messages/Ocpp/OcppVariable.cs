using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An OCPP variable (for OCPP 1.6 the name is the configuration key).</summary>
public sealed record OcppVariable(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("instance")] string? Instance = null) : EverestObject;
