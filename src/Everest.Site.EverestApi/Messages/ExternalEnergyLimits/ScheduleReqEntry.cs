using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One entry of an import or export limit schedule; the last entry stays in force after the schedule ends.</summary>
public sealed record ScheduleReqEntry(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("limits_to_root")] LimitsReq LimitsToRoot,
    [property: JsonPropertyName("limits_to_leaves")] LimitsReq LimitsToLeaves,
    [property: JsonPropertyName("conversion_efficiency")] double? ConversionEfficiency = null,
    [property: JsonPropertyName("price_per_kwh")] PricePerKwh? PricePerKwh = null) : EverestObject;
