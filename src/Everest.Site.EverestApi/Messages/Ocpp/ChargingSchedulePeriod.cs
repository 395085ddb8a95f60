using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One period of a composite charging schedule; <c>limit</c> is in the schedule's charging rate unit.</summary>
public sealed record ChargingSchedulePeriod(
    [property: JsonPropertyName("start_period")] int StartPeriod,
    [property: JsonPropertyName("limit")] double Limit,
    [property: JsonPropertyName("limit_L2")] double? LimitL2 = null,
    [property: JsonPropertyName("limit_L3")] double? LimitL3 = null,
    [property: JsonPropertyName("number_phases")] int? NumberPhases = null,
    [property: JsonPropertyName("stack_level")] int? StackLevel = null,
    [property: JsonPropertyName("phase_to_use")] int? PhaseToUse = null,
    [property: JsonPropertyName("discharge_limit")] double? DischargeLimit = null,
    [property: JsonPropertyName("discharge_limit_L2")] double? DischargeLimitL2 = null,
    [property: JsonPropertyName("discharge_limit_L3")] double? DischargeLimitL3 = null,
    [property: JsonPropertyName("setpoint")] double? Setpoint = null,
    [property: JsonPropertyName("setpoint_L2")] double? SetpointL2 = null,
    [property: JsonPropertyName("setpoint_L3")] double? SetpointL3 = null,
    [property: JsonPropertyName("setpoint_reactive")] double? SetpointReactive = null,
    [property: JsonPropertyName("setpoint_reactive_L2")] double? SetpointReactiveL2 = null,
    [property: JsonPropertyName("setpoint_reactive_L3")] double? SetpointReactiveL3 = null,
    [property: JsonPropertyName("preconditioning_request")] bool? PreconditioningRequest = null,
    [property: JsonPropertyName("evse_sleep")] bool? EvseSleep = null,
    [property: JsonPropertyName("v2x_baseline")] double? V2xBaseline = null,
    [property: JsonPropertyName("operation_mode")] ChargingOperationMode? OperationMode = null,
    [property: JsonPropertyName("v2x_freq_watt_curve")] IReadOnlyList<V2XFreqWattPoint>? V2xFreqWattCurve = null,
    [property: JsonPropertyName("v2x_signal_watt_curve")] IReadOnlyList<V2XSignalWattPoint>? V2xSignalWattCurve = null) : EverestObject;
