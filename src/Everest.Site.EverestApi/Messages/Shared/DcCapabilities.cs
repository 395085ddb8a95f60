using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Capabilities of a DC power supply (limits in V, A and W).</summary>
public sealed record DcCapabilities(
    [property: JsonPropertyName("bidirectional")] bool Bidirectional,
    [property: JsonPropertyName("max_export_voltage_V")] double MaxExportVoltageV,
    [property: JsonPropertyName("min_export_voltage_V")] double MinExportVoltageV,
    [property: JsonPropertyName("max_export_current_A")] double MaxExportCurrentA,
    [property: JsonPropertyName("min_export_current_A")] double MinExportCurrentA,
    [property: JsonPropertyName("max_export_power_W")] double MaxExportPowerW,
    [property: JsonPropertyName("current_regulation_tolerance_A")] double? CurrentRegulationToleranceA = null,
    [property: JsonPropertyName("peak_current_ripple_A")] double? PeakCurrentRippleA = null,
    [property: JsonPropertyName("max_import_voltage_V")] double? MaxImportVoltageV = null,
    [property: JsonPropertyName("min_import_voltage_V")] double? MinImportVoltageV = null,
    [property: JsonPropertyName("max_import_current_A")] double? MaxImportCurrentA = null,
    [property: JsonPropertyName("min_import_current_A")] double? MinImportCurrentA = null,
    [property: JsonPropertyName("max_import_power_W")] double? MaxImportPowerW = null) : EverestObject;
