using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An id token (RFID UID, eMAID, …) with its type.</summary>
public sealed record IdToken(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("type")] IdTokenType Type) : EverestObject;
