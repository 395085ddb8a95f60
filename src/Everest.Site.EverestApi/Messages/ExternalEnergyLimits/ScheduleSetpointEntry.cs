using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One entry of a setpoint schedule.</summary>
public sealed record ScheduleSetpointEntry(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("setpoint")] Setpoint? Setpoint = null) : EverestObject;
