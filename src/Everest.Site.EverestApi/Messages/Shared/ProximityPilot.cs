using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Current carrying capacity of the plugged cable, read from the proximity pilot.</summary>
public sealed record ProximityPilot(
    [property: JsonPropertyName("ampacity")] CableAmpacity Ampacity) : EverestObject;
