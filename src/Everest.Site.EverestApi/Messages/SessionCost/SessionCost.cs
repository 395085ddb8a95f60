using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>The live or final cost of a session, for the charger's display (<c>m2e/session_cost</c>).</summary>
public sealed record SessionCost(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("currency")] Currency Currency,
    [property: JsonPropertyName("status")] SessionStatus Status,
    [property: JsonPropertyName("id_tag")] ProvidedIdToken? IdTag = null,
    [property: JsonPropertyName("cost_chunks")] IReadOnlyList<SessionCostChunk>? CostChunks = null,
    [property: JsonPropertyName("idle_price")] IdlePrice? IdlePrice = null,
    [property: JsonPropertyName("charging_price")] IReadOnlyList<ChargingPriceComponent>? ChargingPrice = null,
    [property: JsonPropertyName("next_period")] NextPeriodPrice? NextPeriod = null,
    [property: JsonPropertyName("message")] IReadOnlyList<MessageContent>? Message = null,
    [property: JsonPropertyName("qr_code")] string? QrCode = null) : EverestObject;
