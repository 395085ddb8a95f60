using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One entry of a resulting (enforced) schedule.</summary>
public sealed record ScheduleResEntry(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("limits_to_root")] LimitsRes LimitsToRoot,
    [property: JsonPropertyName("price_per_kwh")] PricePerKwh? PricePerKwh = null) : EverestObject;
