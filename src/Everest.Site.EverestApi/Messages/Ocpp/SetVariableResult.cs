using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One variable write result.</summary>
public sealed record SetVariableResult(
    [property: JsonPropertyName("status")] SetVariableStatus Status,
    [property: JsonPropertyName("component_variable")] ComponentVariable ComponentVariable,
    [property: JsonPropertyName("attribute_type")] VariableAttribute? AttributeType = null) : EverestObject;
