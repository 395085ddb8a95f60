using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An integer limit (e.g. phase count) and who set it.</summary>
public sealed record IntegerWithSource(
    [property: JsonPropertyName("value")] int Value,
    [property: JsonPropertyName("source")] string Source) : EverestObject;
