using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of <c>get_variables</c>.</summary>
public sealed record GetVariableRequestList(
    [property: JsonPropertyName("items")] IReadOnlyList<GetVariableRequest> Items) : EverestObject;
