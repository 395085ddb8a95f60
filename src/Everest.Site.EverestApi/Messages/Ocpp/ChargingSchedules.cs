using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>The CSMS's composite schedules, one per EVSE starting at 0 (<c>e2m/charging_schedules</c>).</summary>
public sealed record ChargingSchedules(
    [property: JsonPropertyName("schedules")] IReadOnlyList<ChargingSchedule> Schedules) : EverestObject;
