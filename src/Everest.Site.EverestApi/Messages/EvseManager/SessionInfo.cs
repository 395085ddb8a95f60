using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Session and transaction summary (<c>e2m/session_info</c>, ~1 Hz during a session).</summary>
public sealed record SessionInfo(
    [property: JsonPropertyName("state")] EvseState State,
    [property: JsonPropertyName("charged_energy_wh")] long ChargedEnergyWh,
    [property: JsonPropertyName("discharged_energy_wh")] long DischargedEnergyWh,
    [property: JsonPropertyName("latest_total_w")] long LatestTotalW,
    [property: JsonPropertyName("session_duration_s")] long SessionDurationS,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("selected_protocol")] string? SelectedProtocol = null,
    [property: JsonPropertyName("transaction_duration_s")] long? TransactionDurationS = null,
    [property: JsonPropertyName("session_start_time")] DateTimeOffset? SessionStartTime = null,
    [property: JsonPropertyName("transaction_start_time")] DateTimeOffset? TransactionStartTime = null,
    [property: JsonPropertyName("session_end_time")] DateTimeOffset? SessionEndTime = null,
    [property: JsonPropertyName("transaction_end_time")] DateTimeOffset? TransactionEndTime = null) : EverestObject;
