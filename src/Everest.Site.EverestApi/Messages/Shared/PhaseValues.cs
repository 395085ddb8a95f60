using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>
/// A measured quantity as EVerest's unit types carry it: a total (or DC) value and optional per-phase values.
/// Used for energy (Wh), power (W) and reactive power (VAR).
/// </summary>
public sealed record PhaseValues(
    [property: JsonPropertyName("total")] double? Total = null,
    [property: JsonPropertyName("L1")] double? L1 = null,
    [property: JsonPropertyName("L2")] double? L2 = null,
    [property: JsonPropertyName("L3")] double? L3 = null) : EverestObject;
