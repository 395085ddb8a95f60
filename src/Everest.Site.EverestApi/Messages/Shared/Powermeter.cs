using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>
/// One measured dataset of the EVSE's power meter (<c>e2m/powermeter</c>, and the meter values inside
/// session events). <see cref="EnergyWhImport"/>'s total is the billing-relevant register in Wh.
/// </summary>
public sealed record Powermeter(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("energy_Wh_import")] PhaseValues EnergyWhImport,
    [property: JsonPropertyName("meter_id")] string? MeterId = null,
    [property: JsonPropertyName("phase_seq_error")] bool? PhaseSequenceError = null,
    [property: JsonPropertyName("energy_Wh_export")] PhaseValues? EnergyWhExport = null,
    [property: JsonPropertyName("power_W")] PhaseValues? PowerW = null,
    [property: JsonPropertyName("voltage_V")] VoltageValues? VoltageV = null,
    [property: JsonPropertyName("VAR")] PhaseValues? ReactivePowerVar = null,
    [property: JsonPropertyName("current_A")] CurrentValues? CurrentA = null,
    [property: JsonPropertyName("frequency_Hz")] FrequencyValues? FrequencyHz = null,
    [property: JsonPropertyName("signed_meter_value")] SignedMeterValue? SignedMeterValue = null) : EverestObject;
