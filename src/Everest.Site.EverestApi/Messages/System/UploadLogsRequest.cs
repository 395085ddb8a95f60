using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of EVerest's <c>upload_logs</c> request.</summary>
public sealed record UploadLogsRequest(
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("retries")] int? Retries = null,
    [property: JsonPropertyName("retry_interval_s")] int? RetryIntervalS = null,
    [property: JsonPropertyName("oldest_timestamp")] DateTimeOffset? OldestTimestamp = null,
    [property: JsonPropertyName("latest_timestamp")] DateTimeOffset? LatestTimestamp = null,
    [property: JsonPropertyName("type")] string? Type = null,
    [property: JsonPropertyName("request_id")] int? RequestId = null) : EverestObject;
