using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Vendor-specific OCPP extension data.</summary>
public sealed record CustomData(
    [property: JsonPropertyName("vendor_id")] string VendorId,
    [property: JsonPropertyName("data")] string Data) : EverestObject;
