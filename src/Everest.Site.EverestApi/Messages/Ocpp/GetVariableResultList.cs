using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Reply of <c>get_variables</c>.</summary>
public sealed record GetVariableResultList(
    [property: JsonPropertyName("items")] IReadOnlyList<GetVariableResult> Items) : EverestObject;
