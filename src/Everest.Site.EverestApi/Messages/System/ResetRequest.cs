using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of EVerest's <c>reset</c> command.</summary>
public sealed record ResetRequest(
    [property: JsonPropertyName("type")] ResetType? Type = null,
    [property: JsonPropertyName("scheduled")] bool? Scheduled = null) : EverestObject;
