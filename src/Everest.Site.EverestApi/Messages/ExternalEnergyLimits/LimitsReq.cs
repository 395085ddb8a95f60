using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Requested limits for one direction of one schedule entry (current in A per phase, power in W).</summary>
public sealed record LimitsReq(
    [property: JsonPropertyName("total_power_W")] NumberWithSource? TotalPowerW = null,
    [property: JsonPropertyName("ac_max_current_A")] NumberWithSource? AcMaxCurrentA = null,
    [property: JsonPropertyName("ac_min_current_A")] NumberWithSource? AcMinCurrentA = null,
    [property: JsonPropertyName("ac_max_phase_count")] IntegerWithSource? AcMaxPhaseCount = null,
    [property: JsonPropertyName("ac_min_phase_count")] IntegerWithSource? AcMinPhaseCount = null,
    [property: JsonPropertyName("ac_supports_changing_phases_during_charging")] bool? AcSupportsChangingPhasesDuringCharging = null,
    [property: JsonPropertyName("ac_number_of_active_phases")] int? AcNumberOfActivePhases = null) : EverestObject;
