using Everest.Site.Hocon.Parsing;
using Everest.Site.Hocon.Resolution;

namespace Everest.Site.Hocon;

/// <summary>
/// Reads one or more HOCON texts as layers of one document (a later layer merges over an earlier one, exactly
/// as if it followed it in the same file), then resolves substitutions once across all of them, so a
/// <c>reference.conf</c> layer may refer to values that the site file overrides.
/// </summary>
/// <example><code>
/// var document = new HoconLoader().AddText(reference, "reference.conf").AddFile("site.conf").Load();
/// </code></example>
public sealed class HoconLoader
{
    private readonly List<Func<RawTreeBuilder, HoconIncludeContext, bool>> _layers = [];
    private readonly Func<string, string?> _environment;

    /// <param name="environment">Where substitutions not found in the configuration are looked up;
    /// defaults to the process environment.</param>
    public HoconLoader(Func<string, string?>? environment = null) =>
        _environment = environment ?? Environment.GetEnvironmentVariable;

    /// <summary>Adds a file; relative includes inside it are resolved against its directory.</summary>
    /// <param name="path">The file, as the user named it (that spelling appears in origins and errors).</param>
    /// <param name="optional">When true a missing file is skipped with a warning instead of failing.</param>
    public HoconLoader AddFile(string path, bool optional = false)
    {
        _layers.Add((builder, context) =>
        {
            var fullPath = Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                if (optional)
                {
                    context.Warnings.Add(new HoconWarning(HoconOrigin.Describe(path), "optional configuration file does not exist and was skipped"));
                    return false;
                }

                throw new HoconException(HoconOrigin.Describe(path), $"expected a configuration file at '{fullPath}', but it does not exist");
            }

            string text;
            try
            {
                text = File.ReadAllText(fullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new HoconException(HoconOrigin.Describe(path), $"could not read the configuration file: {e.Message}", e);
            }

            context.OpenFiles.Add(fullPath);
            new HoconParser(text, path, Path.GetDirectoryName(fullPath), HoconPath.Root, context).ParseDocument(builder);
            context.OpenFiles.Clear();
            return true;
        });
        return this;
    }

    /// <summary>Adds a text (e.g. an embedded resource) shown as <paramref name="sourceName"/> in origins.</summary>
    /// <param name="includeDirectory">Directory for its relative includes; null means the current directory.</param>
    public HoconLoader AddText(string text, string sourceName, string? includeDirectory = null)
    {
        _layers.Add((builder, context) =>
        {
            new HoconParser(text, sourceName, includeDirectory, HoconPath.Root, context).ParseDocument(builder);
            return true;
        });
        return this;
    }

    /// <summary>Parses every layer and resolves the result.</summary>
    /// <exception cref="HoconException">Syntax error, missing required file, unresolved substitution, cycle, or bad concatenation.</exception>
    public HoconDocument Load()
    {
        var context = new HoconIncludeContext();
        var root = new RawObject(new HoconOrigin(_layers.Count == 0 ? "<empty>" : "<document>", 1, 1));
        var builder = new RawTreeBuilder(root, HoconPath.Root, enclosing: null, detectSelfReferences: true);
        foreach (var layer in _layers)
        {
            layer(builder, context);
        }

        var resolved = new HoconResolver(root, _environment).ResolveDocument();
        return new HoconDocument(resolved, context.Warnings);
    }

    /// <summary>Parses and resolves a single text.</summary>
    public static HoconObject Parse(string text, string sourceName = "<string>", Func<string, string?>? environment = null) =>
        new HoconLoader(environment).AddText(text, sourceName).Load().Root;

    /// <summary>Parses and resolves a single file (with its includes).</summary>
    public static HoconObject ParseFile(string path, Func<string, string?>? environment = null) =>
        new HoconLoader(environment).AddFile(path).Load().Root;
}
