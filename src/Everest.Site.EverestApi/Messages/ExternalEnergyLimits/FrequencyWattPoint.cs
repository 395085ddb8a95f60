using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>One point of a power-over-frequency table.</summary>
public sealed record FrequencyWattPoint(
    [property: JsonPropertyName("frequency_Hz")] double FrequencyHz,
    [property: JsonPropertyName("total_power_W")] double TotalPowerW) : EverestObject;
