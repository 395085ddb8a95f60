using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An OCPP transaction event; <c>session_id</c> joins to the EVSE manager's session uuid.</summary>
public sealed record OcppTransactionEvent(
    [property: JsonPropertyName("transaction_event")] OcppTransactionEventType TransactionEvent,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("evse")] OcppEvse? Evse = null,
    [property: JsonPropertyName("transaction_id")] string? TransactionId = null) : EverestObject;
