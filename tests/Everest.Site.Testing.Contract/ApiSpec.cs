using System.Text.Json.Nodes;

namespace Everest.Site.Testing.Contract;

/// <summary>One loaded AsyncAPI spec file of the EVerest API.</summary>
public sealed class ApiSpec
{
    internal ApiSpec(string api, string fileName, JsonObject document, IReadOnlyList<SpecOperation> operations)
    {
        Api = api;
        FileName = fileName;
        Document = document;
        Operations = operations;
    }

    /// <summary>The API's topic segment, read from the spec's server path (<c>everest_api/1/{api}/{module_id}</c>).</summary>
    public string Api { get; }

    /// <summary>The spec's file name, e.g. <c>system_API.yaml</c>.</summary>
    public string FileName { get; }

    /// <summary>The whole spec as JSON nodes.</summary>
    public JsonObject Document { get; }

    /// <summary>Every operation with a topic of its own (reply channels are attached to their request).</summary>
    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary><c>components.schemas</c>.</summary>
    public JsonObject Schemas => Document["components"]?["schemas"] as JsonObject ?? [];

    /// <summary>The operation with the given topic segment; throws <see cref="KeyNotFoundException"/> naming the spec otherwise.</summary>
    public SpecOperation Operation(string name) =>
        Operations.FirstOrDefault(operation => operation.Name == name)
        ?? throw new KeyNotFoundException($"{FileName} has no operation '{name}'.");

    /// <summary>Every string enumeration declared under <c>components.schemas</c>, named or inline.</summary>
    public IReadOnlyList<SpecEnum> Enums
    {
        get
        {
            var found = new List<SpecEnum>();
            Collect(Schemas, "#/components/schemas", found);
            return found;
        }
    }

    /// <summary>Resolves a JSON pointer (<c>#/components/…</c>) inside this document; null when it leads nowhere.</summary>
    public JsonNode? Resolve(string pointer)
    {
        JsonNode? current = Document;
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current is JsonObject json && json.TryGetPropertyValue(segment, out var next) ? next : null;
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public override string ToString() => $"{Api} ({FileName})";

    private void Collect(JsonNode? node, string pointer, List<SpecEnum> found)
    {
        if (node is not JsonObject json)
        {
            return;
        }

        if (json["enum"] is JsonArray values)
        {
            found.Add(new SpecEnum(Api, pointer, [.. values.Select(value => value?.ToString() ?? string.Empty)]));
        }

        foreach (var (key, child) in json)
        {
            Collect(child, $"{pointer}/{key}", found);
        }
    }
}
