using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of <c>set_external_limits</c>: all three schedules are required and replace the previous ones.</summary>
public sealed record ExternalLimits(
    [property: JsonPropertyName("schedule_import")] IReadOnlyList<ScheduleReqEntry> ScheduleImport,
    [property: JsonPropertyName("schedule_export")] IReadOnlyList<ScheduleReqEntry> ScheduleExport,
    [property: JsonPropertyName("schedule_setpoints")] IReadOnlyList<ScheduleSetpointEntry> ScheduleSetpoints) : EverestObject;
