using System.Text.Json.Nodes;

namespace Everest.Site.Testing.Contract;

/// <summary>
/// One message of an AsyncAPI spec: its payload schema (null when the spec gives none) and the example
/// payloads the spec lists under <c>examples</c> or <c>payload.examples</c>.
/// </summary>
public sealed record SpecMessage(string Name, JsonNode? PayloadSchema, IReadOnlyList<JsonNode?> Examples);
