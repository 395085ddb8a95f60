using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An OCPP device-model component.</summary>
public sealed record OcppComponent(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("instance")] string? Instance = null,
    [property: JsonPropertyName("evse")] OcppEvse? Evse = null) : EverestObject;
