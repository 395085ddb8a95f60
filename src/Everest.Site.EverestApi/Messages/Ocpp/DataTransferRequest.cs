using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An OCPP DataTransfer request (either direction).</summary>
public sealed record DataTransferRequest(
    [property: JsonPropertyName("vendor_id")] string VendorId,
    [property: JsonPropertyName("message_id")] string? MessageId = null,
    [property: JsonPropertyName("data")] string? Data = null,
    [property: JsonPropertyName("custom_data")] CustomData? CustomData = null) : EverestObject;
