using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One physical connector of an EVSE (ids start at 1).</summary>
public sealed record Connector(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("type")] ConnectorType? Type = null) : EverestObject;
