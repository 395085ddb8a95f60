using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>The CSMS's answer to a BootNotification.</summary>
public sealed record BootNotificationResponse(
    [property: JsonPropertyName("status")] RegistrationStatus Status,
    [property: JsonPropertyName("current_time")] DateTimeOffset CurrentTime,
    [property: JsonPropertyName("interval")] int Interval,
    [property: JsonPropertyName("status_info")] StatusInfo? StatusInfo = null) : EverestObject;
