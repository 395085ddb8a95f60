using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Progress of a log upload (<c>m2e/log_status</c>).</summary>
public sealed record LogStatus(
    [property: JsonPropertyName("log_status")] LogUploadState State,
    [property: JsonPropertyName("request_id")] int RequestId) : EverestObject;
