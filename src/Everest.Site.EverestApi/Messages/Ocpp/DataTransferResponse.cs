using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An OCPP DataTransfer response (either direction).</summary>
public sealed record DataTransferResponse(
    [property: JsonPropertyName("status")] DataTransferStatus Status,
    [property: JsonPropertyName("data")] string? Data = null,
    [property: JsonPropertyName("custom_data")] CustomData? CustomData = null) : EverestObject;
