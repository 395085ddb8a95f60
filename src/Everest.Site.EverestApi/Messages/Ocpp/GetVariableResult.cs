using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One variable read result; <c>value</c> may be absent unless accepted.</summary>
public sealed record GetVariableResult(
    [property: JsonPropertyName("status")] GetVariableStatus Status,
    [property: JsonPropertyName("component_variable")] ComponentVariable ComponentVariable,
    [property: JsonPropertyName("attribute_type")] VariableAttribute? AttributeType = null,
    [property: JsonPropertyName("value")] string? Value = null) : EverestObject;
