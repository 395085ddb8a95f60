using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Data of a <c>SessionFinished</c> event.</summary>
public sealed record SessionFinished(
    [property: JsonPropertyName("meter_value")] Powermeter MeterValue) : EverestObject;
