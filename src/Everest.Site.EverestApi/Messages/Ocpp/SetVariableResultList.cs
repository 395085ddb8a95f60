using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Reply of <c>set_variables</c>.</summary>
public sealed record SetVariableResultList(
    [property: JsonPropertyName("items")] IReadOnlyList<SetVariableResult> Items) : EverestObject;
