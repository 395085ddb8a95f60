using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A component and one of its variables.</summary>
public sealed record ComponentVariable(
    [property: JsonPropertyName("component")] OcppComponent Component,
    [property: JsonPropertyName("variable")] OcppVariable Variable) : EverestObject;
