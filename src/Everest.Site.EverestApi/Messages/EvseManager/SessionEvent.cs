using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A session event (<c>e2m/session_event</c>); the member matching <see cref="Event"/> carries its data.</summary>
public sealed record SessionEvent(
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("event")] SessionEventType Event,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("connector_id")] int? ConnectorId = null,
    [property: JsonPropertyName("session_started")] SessionStarted? SessionStarted = null,
    [property: JsonPropertyName("session_finished")] SessionFinished? SessionFinished = null,
    [property: JsonPropertyName("transaction_started")] TransactionStarted? TransactionStarted = null,
    [property: JsonPropertyName("transaction_finished")] TransactionFinished? TransactionFinished = null,
    [property: JsonPropertyName("charging_state_changed_event")] ChargingStateChangedEvent? ChargingStateChangedEvent = null,
    [property: JsonPropertyName("authorization_event")] AuthorizationEvent? AuthorizationEvent = null,
    [property: JsonPropertyName("source")] EnableDisableSource? Source = null) : EverestObject;
