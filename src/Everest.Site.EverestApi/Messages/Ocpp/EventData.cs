using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A change of a monitored variable.</summary>
public sealed record EventData(
    [property: JsonPropertyName("component_variable")] ComponentVariable ComponentVariable,
    [property: JsonPropertyName("event_id")] int EventId,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("trigger")] EventTrigger Trigger,
    [property: JsonPropertyName("actual_value")] string ActualValue,
    [property: JsonPropertyName("event_notification_type")] EventNotificationType EventNotificationType,
    [property: JsonPropertyName("cause")] int? Cause = null,
    [property: JsonPropertyName("tech_code")] string? TechCode = null,
    [property: JsonPropertyName("tech_info")] string? TechInfo = null,
    [property: JsonPropertyName("cleared")] bool? Cleared = null,
    [property: JsonPropertyName("transaction_id")] string? TransactionId = null,
    [property: JsonPropertyName("variable_monitoring_id")] int? VariableMonitoringId = null) : EverestObject;
