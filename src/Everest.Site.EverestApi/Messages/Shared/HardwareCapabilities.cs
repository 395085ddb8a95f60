using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>What the EVSE's hardware can do: current (A per phase) and phase-count limits for import and export.</summary>
public sealed record HardwareCapabilities(
    [property: JsonPropertyName("max_current_A_import")] double MaxCurrentAImport,
    [property: JsonPropertyName("min_current_A_import")] double MinCurrentAImport,
    [property: JsonPropertyName("max_phase_count_import")] int MaxPhaseCountImport,
    [property: JsonPropertyName("min_phase_count_import")] int MinPhaseCountImport,
    [property: JsonPropertyName("max_current_A_export")] double MaxCurrentAExport,
    [property: JsonPropertyName("min_current_A_export")] double MinCurrentAExport,
    [property: JsonPropertyName("max_phase_count_export")] int MaxPhaseCountExport,
    [property: JsonPropertyName("min_phase_count_export")] int MinPhaseCountExport,
    [property: JsonPropertyName("supports_changing_phases_during_charging")] bool SupportsChangingPhasesDuringCharging,
    [property: JsonPropertyName("connector_type")] HardwareConnectorType ConnectorType,
    [property: JsonPropertyName("max_plug_temperature_C")] double? MaxPlugTemperatureC = null) : EverestObject;
