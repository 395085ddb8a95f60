using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Progress of a firmware update (<c>m2e/firmware_update_status</c>).</summary>
public sealed record FirmwareUpdateStatus(
    [property: JsonPropertyName("firmware_update_status")] FirmwareUpdateState State,
    [property: JsonPropertyName("request_id")] int RequestId) : EverestObject;
