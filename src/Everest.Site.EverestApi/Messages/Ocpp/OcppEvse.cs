using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An OCPP 2.0.1 EVSE, or one of its connectors when <c>connector_id</c> is set.</summary>
public sealed record OcppEvse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("connector_id")] int? ConnectorId = null) : EverestObject;
