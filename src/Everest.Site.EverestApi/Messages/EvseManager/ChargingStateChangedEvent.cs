using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Data of the charging state events (ChargingStarted, ChargingResumed, ChargingPausedEV, …).</summary>
public sealed record ChargingStateChangedEvent(
    [property: JsonPropertyName("meter_value")] Powermeter MeterValue) : EverestObject;
