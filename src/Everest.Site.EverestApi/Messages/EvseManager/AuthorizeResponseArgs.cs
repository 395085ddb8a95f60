using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of <c>authorize_response</c>: the token asked about and the validation result.</summary>
public sealed record AuthorizeResponseArgs(
    [property: JsonPropertyName("token")] ProvidedIdToken Token,
    [property: JsonPropertyName("result")] ValidationResult Result) : EverestObject;
