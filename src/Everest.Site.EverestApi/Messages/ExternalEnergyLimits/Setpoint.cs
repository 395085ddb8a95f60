using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A charge/discharge setpoint; positive charges, negative discharges. Priority 0 is highest, 1000 lowest.</summary>
public sealed record Setpoint(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("ac_current_A")] double? AcCurrentA = null,
    [property: JsonPropertyName("total_power_W")] double? TotalPowerW = null,
    [property: JsonPropertyName("frequency_table")] IReadOnlyList<FrequencyWattPoint>? FrequencyTable = null) : EverestObject;
