using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of <c>enable_disable</c>; connector 0 means the whole EVSE.</summary>
public sealed record EnableDisableRequest(
    [property: JsonPropertyName("connector_id")] int ConnectorId,
    [property: JsonPropertyName("source")] EnableDisableSource Source) : EverestObject;
