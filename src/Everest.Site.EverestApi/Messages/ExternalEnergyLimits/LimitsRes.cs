using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Resulting limits reported by EVerest (power in W, current in A per phase).</summary>
public sealed record LimitsRes(
    [property: JsonPropertyName("total_power_W")] NumberWithSource? TotalPowerW = null,
    [property: JsonPropertyName("ac_max_current_A")] NumberWithSource? AcMaxCurrentA = null,
    [property: JsonPropertyName("ac_max_phase_count")] IntegerWithSource? AcMaxPhaseCount = null) : EverestObject;
