using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One variable to read.</summary>
public sealed record GetVariableRequest(
    [property: JsonPropertyName("component_variable")] ComponentVariable ComponentVariable,
    [property: JsonPropertyName("attribute_type")] VariableAttribute? AttributeType = null) : EverestObject;
