using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A token presented for authorization, with how it was presented and where it may be used.</summary>
public sealed record ProvidedIdToken(
    [property: JsonPropertyName("id_token")] IdToken IdToken,
    [property: JsonPropertyName("authorization_type")] AuthorizationType AuthorizationType,
    [property: JsonPropertyName("request_id")] int? RequestId = null,
    [property: JsonPropertyName("parent_id_token")] IdToken? ParentIdToken = null,
    [property: JsonPropertyName("connectors")] IReadOnlyList<int>? Connectors = null,
    [property: JsonPropertyName("prevalidated")] bool? Prevalidated = null,
    [property: JsonPropertyName("certificate")] string? Certificate = null) : EverestObject;
