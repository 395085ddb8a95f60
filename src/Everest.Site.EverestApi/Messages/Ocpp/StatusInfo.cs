using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>More information about a status.</summary>
public sealed record StatusInfo(
    [property: JsonPropertyName("reason_code")] string ReasonCode,
    [property: JsonPropertyName("additional_info")] string? AdditionalInfo = null) : EverestObject;
