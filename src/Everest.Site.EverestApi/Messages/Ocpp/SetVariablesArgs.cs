using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of <c>set_variables</c>, with who asked for the change.</summary>
public sealed record SetVariablesArgs(
    [property: JsonPropertyName("variables")] SetVariableRequestList Variables,
    [property: JsonPropertyName("source")] string Source) : EverestObject;
