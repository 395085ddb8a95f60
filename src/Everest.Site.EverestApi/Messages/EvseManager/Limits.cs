using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Instantaneous limits available to the car (<c>e2m/limits</c>): current in A per phase.</summary>
public sealed record Limits(
    [property: JsonPropertyName("max_current")] double MaxCurrent,
    [property: JsonPropertyName("nr_of_phases_available")] int NrOfPhasesAvailable,
    [property: JsonPropertyName("uuid")] string? Uuid = null) : EverestObject;
