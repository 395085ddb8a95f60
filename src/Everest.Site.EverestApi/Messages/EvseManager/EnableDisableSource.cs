using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One source's enable/disable entry; the lowest <c>enable_priority</c> number wins (0 strongest).</summary>
public sealed record EnableDisableSource(
    [property: JsonPropertyName("enable_source")] EnableSource EnableSource,
    [property: JsonPropertyName("enable_state")] EnableState EnableState,
    [property: JsonPropertyName("enable_priority")] int EnablePriority) : EverestObject;
