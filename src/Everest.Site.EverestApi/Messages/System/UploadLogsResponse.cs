using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Our answer to <c>upload_logs</c>.</summary>
public sealed record UploadLogsResponse(
    [property: JsonPropertyName("upload_logs_status")] UploadLogsStatus UploadLogsStatus,
    [property: JsonPropertyName("file_name")] string? FileName = null) : EverestObject;
