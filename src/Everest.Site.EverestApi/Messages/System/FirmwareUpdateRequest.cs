using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of EVerest's <c>update_firmware</c> request (request id -1 when the CSMS gave none).</summary>
public sealed record FirmwareUpdateRequest(
    [property: JsonPropertyName("request_id")] int RequestId,
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("retries")] int? Retries = null,
    [property: JsonPropertyName("retry_interval_s")] int? RetryIntervalS = null,
    [property: JsonPropertyName("retrieve_timestamp")] DateTimeOffset? RetrieveTimestamp = null,
    [property: JsonPropertyName("install_timestamp")] DateTimeOffset? InstallTimestamp = null,
    [property: JsonPropertyName("signing_certificate")] string? SigningCertificate = null,
    [property: JsonPropertyName("signature")] string? Signature = null) : EverestObject;
