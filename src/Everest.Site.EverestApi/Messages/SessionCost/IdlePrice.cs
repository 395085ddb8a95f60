using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>The price while the EV is idle, after a grace period in minutes.</summary>
public sealed record IdlePrice(
    [property: JsonPropertyName("grace_minutes")] int? GraceMinutes = null,
    [property: JsonPropertyName("hour_price")] Price? HourPrice = null) : EverestObject;
