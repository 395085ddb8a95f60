using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Tariff texts for the charger's display (<c>m2e/tariff_message</c>).</summary>
public sealed record TariffMessage(
    [property: JsonPropertyName("messages")] IReadOnlyList<MessageContent> Messages,
    [property: JsonPropertyName("ocpp_transaction_id")] string? OcppTransactionId = null,
    [property: JsonPropertyName("identifier_id")] string? IdentifierId = null,
    [property: JsonPropertyName("identifier_type")] IdentifierType? IdentifierType = null) : EverestObject;
