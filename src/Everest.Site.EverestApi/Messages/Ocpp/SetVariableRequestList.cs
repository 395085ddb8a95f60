using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>The variables of a <c>set_variables</c> request.</summary>
public sealed record SetVariableRequestList(
    [property: JsonPropertyName("items")] IReadOnlyList<SetVariableRequest> Items) : EverestObject;
