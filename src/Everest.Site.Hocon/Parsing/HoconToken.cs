namespace Everest.Site.Hocon.Parsing;

/// <summary>
/// One token. <see cref="Text"/> is the decoded text for strings, the raw text for unquoted runs and
/// whitespace, and the expression between the braces for substitutions.
/// </summary>
internal sealed record HoconToken(HoconTokenKind Kind, string Text, HoconOrigin Origin)
{
    /// <summary>For a substitution: the tokens of its path expression.</summary>
    public IReadOnlyList<HoconToken> PathTokens { get; init; } = [];

    /// <summary>For a substitution: written as <c>${?…}</c>.</summary>
    public bool IsOptional { get; init; }

    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of input",
        HoconTokenKind.Newline => "end of line",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.Quoted or HoconTokenKind.TripleQuoted => $"string \"{Text}\"",
        HoconTokenKind.Unquoted => $"'{Text}'",
        HoconTokenKind.Substitution => $"substitution ${{{(IsOptional ? "?" : "")}{Text}}}",
        _ => $"'{Text}'",
    };
}
