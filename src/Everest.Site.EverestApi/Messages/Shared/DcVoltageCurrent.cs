using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Voltage (V) and current (A) at a DC power supply's output.</summary>
public sealed record DcVoltageCurrent(
    [property: JsonPropertyName("voltage_V")] double VoltageV,
    [property: JsonPropertyName("current_A")] double CurrentA) : EverestObject;
