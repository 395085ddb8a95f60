using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of <c>stop_transaction</c>.</summary>
public sealed record StopTransactionRequest(
    [property: JsonPropertyName("reason")] StopTransactionReason Reason,
    [property: JsonPropertyName("id_tag")] ProvidedIdToken? IdTag = null) : EverestObject;
