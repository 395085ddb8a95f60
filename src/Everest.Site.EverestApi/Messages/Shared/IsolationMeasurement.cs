using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An isolation monitor reading of a DC charger.</summary>
public sealed record IsolationMeasurement(
    [property: JsonPropertyName("resistance_F_Ohm")] double ResistanceFOhm,
    [property: JsonPropertyName("voltage_V")] double? VoltageV = null,
    [property: JsonPropertyName("voltage_to_earth_l1e_V")] double? VoltageToEarthL1eV = null,
    [property: JsonPropertyName("voltage_to_earth_l2e_V")] double? VoltageToEarthL2eV = null) : EverestObject;
