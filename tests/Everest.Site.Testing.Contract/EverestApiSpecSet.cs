using System.Text.Json.Nodes;

namespace Everest.Site.Testing.Contract;

/// <summary>All loaded specs of one folder, with cross-file reference resolution and a schema validator.</summary>
public sealed class EverestApiSpecSet
{
    private readonly IReadOnlyDictionary<string, ApiSpec> apis;

    internal EverestApiSpecSet(string folder, IReadOnlyDictionary<string, ApiSpec> apis)
    {
        Folder = folder;
        this.apis = apis;
        Validator = new SchemaValidator(this);
    }

    /// <summary>The folder the specs were read from.</summary>
    public string Folder { get; }

    /// <summary>Every loaded spec, keyed by API topic segment (e.g. <c>system</c>).</summary>
    public IReadOnlyDictionary<string, ApiSpec> Apis => apis;

    /// <summary>A validator for payloads against these specs.</summary>
    public SchemaValidator Validator { get; }

    /// <summary>The spec of one API; throws <see cref="KeyNotFoundException"/> listing the loaded ones otherwise.</summary>
    public ApiSpec Get(string api) =>
        apis.TryGetValue(api, out var spec)
            ? spec
            : throw new KeyNotFoundException($"No spec for API '{api}' in {Folder}; loaded: {string.Join(", ", apis.Keys)}.");

    /// <summary>
    /// Resolves a <c>$ref</c> seen in <paramref name="context"/>: local (<c>#/…</c>) or to a sibling API
    /// (<c>../{name}_API/asyncapi.yaml#/…</c>, looked up as <c>{name}_API.yaml</c> in this folder).
    /// Returns false when the target spec is not part of the folder.
    /// </summary>
    public bool TryResolve(ApiSpec context, string reference, out ApiSpec target, out JsonNode? schema)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reference);
        target = context;
        schema = null;
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var filePart = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "#" : reference[hash..];
        if (filePart.Length > 0)
        {
            var folderName = filePart.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse().Skip(1).FirstOrDefault();
            var spec = apis.Values.FirstOrDefault(candidate =>
                folderName is not null && string.Equals(Path.GetFileNameWithoutExtension(candidate.FileName), folderName, StringComparison.Ordinal));
            if (spec is null)
            {
                return false;
            }

            target = spec;
        }

        schema = target.Resolve(pointer);
        return schema is not null;
    }
}
