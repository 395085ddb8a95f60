using System.Text;

namespace Everest.Site.Hocon;

/// <summary>
/// A path into a HOCON tree: a list of key segments. <c>a.b.c</c> has three segments;
/// <c>"a.b".c</c> has two, because a quoted segment keeps its dots.
/// </summary>
public sealed class HoconPath : IEquatable<HoconPath>
{
    public static readonly HoconPath Root = new([]);

    public HoconPath(IReadOnlyList<string> segments) => Segments = segments;

    public IReadOnlyList<string> Segments { get; }

    public bool IsRoot => Segments.Count == 0;

    /// <summary>Parses a path expression (as written in a key or in <c>${…}</c>).</summary>
    /// <exception cref="HoconException">The expression is not a valid path.</exception>
    public static HoconPath Parse(string expression)
    {
        var tokens = new Parsing.HoconTokenizer(expression, "<path>").TokenizePathExpression();
        return Parsing.HoconPathBuilder.Build(tokens, HoconOrigin.Describe("<path>"), expression);
    }

    public HoconPath Append(string segment) => new([.. Segments, segment]);

    public HoconPath Append(HoconPath other) => other.IsRoot ? this : IsRoot ? other : new([.. Segments, .. other.Segments]);

    /// <summary>True when <paramref name="prefix"/> equals this path or is one of its ancestors.</summary>
    public bool StartsWith(HoconPath prefix)
    {
        if (prefix.Segments.Count > Segments.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Segments.Count; i++)
        {
            if (!string.Equals(prefix.Segments[i], Segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public HoconPath Skip(int count) => new([.. Segments.Skip(count)]);

    public bool Equals(HoconPath? other) =>
        other is not null && Segments.Count == other.Segments.Count && StartsWith(other);

    public override bool Equals(object? obj) => Equals(obj as HoconPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in Segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The path as a HOCON path expression, quoting segments that need it.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < Segments.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            var segment = Segments[i];
            if (NeedsQuotes(segment))
            {
                Output.HoconStringQuoter.AppendQuoted(builder, segment);
            }
            else
            {
                builder.Append(segment);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsQuotes(string segment) =>
        segment.Length == 0
        || segment.Contains('.', StringComparison.Ordinal)
        || segment.Contains("//", StringComparison.Ordinal)
        || segment.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFEFF' || Parsing.HoconTokenizer.IsForbiddenInUnquoted(c));
}
