using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Countdown of a running UK random delay (<c>e2m/random_delay_countdown</c>); 0 s when inactive.</summary>
public sealed record RandomDelayCountdown(
    [property: JsonPropertyName("countdown_s")] int CountdownS,
    [property: JsonPropertyName("current_limit_after_delay_A")] double CurrentLimitAfterDelayA,
    [property: JsonPropertyName("current_limit_during_delay_A")] double CurrentLimitDuringDelayA,
    [property: JsonPropertyName("start_time")] DateTimeOffset? StartTime = null) : EverestObject;
