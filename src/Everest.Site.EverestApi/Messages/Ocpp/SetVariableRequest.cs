using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One variable to write.</summary>
public sealed record SetVariableRequest(
    [property: JsonPropertyName("component_variable")] ComponentVariable ComponentVariable,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("attribute_type")] VariableAttribute? AttributeType = null) : EverestObject;
