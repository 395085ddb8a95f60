using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Data of Authorized / Deauthorized events.</summary>
public sealed record AuthorizationEvent(
    [property: JsonPropertyName("meter_value")] Powermeter MeterValue) : EverestObject;
