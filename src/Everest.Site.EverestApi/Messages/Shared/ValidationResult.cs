using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>The outcome of validating a provided token, sent to the EVSE in <c>authorize_response</c>.</summary>
public sealed record ValidationResult(
    [property: JsonPropertyName("authorization_status")] AuthorizationStatus AuthorizationStatus,
    [property: JsonPropertyName("certificate_status")] CertificateStatus? CertificateStatus = null,
    [property: JsonPropertyName("expiry_time")] DateTimeOffset? ExpiryTime = null,
    [property: JsonPropertyName("parent_id_token")] IdToken? ParentIdToken = null,
    [property: JsonPropertyName("evse_ids")] IReadOnlyList<int>? EvseIds = null,
    [property: JsonPropertyName("reservation_id")] int? ReservationId = null,
    [property: JsonPropertyName("allowed_energy_transfer_modes")] IReadOnlyList<EnergyTransferMode>? AllowedEnergyTransferModes = null) : EverestObject
{
    /// <summary>Required by the schema, possibly empty; a sender that leaves it out decodes as empty.</summary>
    /// <remarks>
    /// A setter rather than <c>init</c>: the JSON source generator binds init-only members like constructor
    /// arguments, which would turn an absent array into null instead of keeping this empty default.
    /// </remarks>
    [JsonPropertyName("tariff_messages")]
    public IReadOnlyList<MessageContent> TariffMessages { get; set; } = [];
}
