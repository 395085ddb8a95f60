using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An EVSE and its connectors (reply of <c>get_evse</c>).</summary>
public sealed record Evse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("connectors")] IReadOnlyList<Connector> Connectors) : EverestObject;
