using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One chunk of a session's cost; the session's total is the sum of its chunks. Meter values in Wh.</summary>
public sealed record SessionCostChunk(
    [property: JsonPropertyName("timestamp_from")] DateTimeOffset? TimestampFrom = null,
    [property: JsonPropertyName("timestamp_to")] DateTimeOffset? TimestampTo = null,
    [property: JsonPropertyName("metervalue_from")] long? MetervalueFrom = null,
    [property: JsonPropertyName("metervalue_to")] long? MetervalueTo = null,
    [property: JsonPropertyName("cost")] MoneyAmount? Cost = null,
    [property: JsonPropertyName("category")] CostCategory? Category = null) : EverestObject;
