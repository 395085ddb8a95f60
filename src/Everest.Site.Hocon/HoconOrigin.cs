namespace Everest.Site.Hocon;

/// <summary>
/// Where a value or an error comes from: a file (or named text) with 1-based line and column,
/// or a non-file source such as an environment variable (then <see cref="Line"/> is 0).
/// </summary>
public sealed record HoconOrigin(string Source, int Line, int Column)
{
    /// <summary>Extra provenance shown after the position, e.g. <c>environment variable EVEREST_SITE_PG</c>.</summary>
    public string? Detail { get; init; }

    /// <summary>An origin that is not a position in a text, e.g. <c>environment variable HOME</c>.</summary>
    public static HoconOrigin Describe(string description) => new(description, 0, 0);

    public bool HasPosition => Line > 0;

    public override string ToString()
    {
        var where = HasPosition ? $"{Source}:{Line}:{Column}" : Source;
        return Detail is null ? where : $"{where} ({Detail})";
    }
}
