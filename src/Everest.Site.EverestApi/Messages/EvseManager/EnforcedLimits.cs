using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Limits the energy manager enforces on this EVSE (<c>e2m/enforced_limits</c>); the schedule is informative only.</summary>
public sealed record EnforcedLimits(
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("valid_for")] int ValidFor,
    [property: JsonPropertyName("limits_root_side")] LimitsRes LimitsRootSide,
    [property: JsonPropertyName("schedule")] IReadOnlyList<ScheduleResEntry> Schedule) : EverestObject;
