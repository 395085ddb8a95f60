using System.Text.RegularExpressions;
using Everest.Site.Hocon.Resolution;

namespace Everest.Site.Hocon.Parsing;

/// <summary>
/// Reads one HOCON text into a <see cref="RawTreeBuilder"/>: fields are applied as they are read, includes are
/// read in place. Substitutions are only recorded here; <see cref="HoconResolver"/> resolves them later.
/// </summary>
internal sealed partial class HoconParser
{
    private readonly List<HoconToken> _tokens;
    private readonly string _source;
    private readonly string? _directory;
    private readonly HoconPath _includePrefix;
    private readonly HoconIncludeContext _context;
    private int _index;

    /// <summary>Objects and arrays open around the current token; bounded so hostile input cannot exhaust the stack.</summary>
    private int _nesting;

    public const int MaxNesting = 200;

    /// <param name="text">The HOCON text.</param>
    /// <param name="source">Name shown in errors and origins (a file path as the user gave it).</param>
    /// <param name="directory">Directory that relative includes are resolved against, or null for none.</param>
    /// <param name="includePrefix">Where this text was included; its substitutions are relative to the document root, so they get this prefix.</param>
    public HoconParser(string text, string source, string? directory, HoconPath includePrefix, HoconIncludeContext context)
    {
        _tokens = new HoconTokenizer(text, source).Tokenize();
        _source = source;
        _directory = directory;
        _includePrefix = includePrefix;
        _context = context;
    }

    private HoconToken Peek => _tokens[_index];

    private HoconToken PeekAt(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    private HoconToken Take() => _tokens[_index++];

    /// <summary>Reads a whole document (an object with or without braces) into <paramref name="builder"/>.</summary>
    public void ParseDocument(RawTreeBuilder builder)
    {
        SkipWhitespaceAndNewlines();
        switch (Peek.Kind)
        {
            case HoconTokenKind.OpenBrace:
                Take();
                ParseObjectBody(builder, HoconTokenKind.CloseBrace);
                SkipWhitespaceAndNewlines();
                if (Peek.Kind != HoconTokenKind.End)
                {
                    throw new HoconException(Peek.Origin, $"expected end of input after the root object's '}}', found {Peek.Describe()}");
                }

                break;
            case HoconTokenKind.OpenBracket:
                throw new HoconException(Peek.Origin, "expected an object at the root of a configuration, found an array");
            default:
                ParseObjectBody(builder, HoconTokenKind.End);
                break;
        }
    }

    private void SkipWhitespace()
    {
        while (Peek.Kind == HoconTokenKind.Whitespace)
        {
            Take();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek.Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            Take();
        }
    }

    /// <summary>
    /// Skips what separates two fields or elements: new lines and at most one comma.
    /// Returns false when there was no separator at all.
    /// </summary>
    private bool SkipSeparator(string nextThing)
    {
        SkipWhitespace();
        var separated = Peek.Kind == HoconTokenKind.Newline;
        SkipWhitespaceAndNewlines();
        if (Peek.Kind != HoconTokenKind.Comma)
        {
            return separated;
        }

        Take();
        SkipWhitespaceAndNewlines();
        if (Peek.Kind == HoconTokenKind.Comma)
        {
            throw new HoconException(Peek.Origin, $"expected {nextThing} after ',', found another ','");
        }

        return true;
    }

    private void ParseObjectBody(RawTreeBuilder builder, HoconTokenKind closer)
    {
        var closerText = closer == HoconTokenKind.End ? "end of input" : "'}'";
        while (true)
        {
            SkipWhitespaceAndNewlines();
            if (Peek.Kind == closer)
            {
                Take();
                return;
            }

            if (Peek.Kind is HoconTokenKind.Comma or HoconTokenKind.End)
            {
                throw new HoconException(Peek.Origin, $"expected a field or {closerText}, found {Peek.Describe()}");
            }

            string what;
            if (IsIncludeStatement())
            {
                ParseInclude(builder);
                what = "the include";
            }
            else
            {
                what = $"the value of '{ParseField(builder)}'";
            }

            if (!SkipSeparator("a field"))
            {
                if (Peek.Kind != closer)
                {
                    throw new HoconException(Peek.Origin, $"expected ',', a new line or {closerText} after {what}, found {Peek.Describe()}");
                }
            }
        }
    }

    /// <summary>Reads <c>key = value</c>, <c>key : value</c>, <c>key { … }</c> or <c>key += value</c>; returns the key.</summary>
    private HoconPath ParseField(RawTreeBuilder builder)
    {
        var keyStart = Peek;
        var keyTokens = new List<HoconToken>();
        while (Peek.Kind is HoconTokenKind.Unquoted or HoconTokenKind.Quoted or HoconTokenKind.Whitespace)
        {
            keyTokens.Add(Take());
        }

        if (keyTokens.Count == 0)
        {
            throw new HoconException(Peek.Origin, $"expected a key, found {Peek.Describe()}");
        }

        var keyText = string.Concat(keyTokens.Select(t => t.Kind == HoconTokenKind.Quoted ? Output.HoconStringQuoter.Quote(t.Text) : t.Text)).Trim();
        var key = HoconPathBuilder.Build(keyTokens, keyStart.Origin, keyText);
        var append = false;
        switch (Peek.Kind)
        {
            case HoconTokenKind.OpenBrace:
                break;
            case HoconTokenKind.Colon or HoconTokenKind.Equals:
                Take();
                SkipWhitespaceAndNewlines();
                break;
            case HoconTokenKind.PlusEquals:
                Take();
                SkipWhitespaceAndNewlines();
                append = true;
                break;
            default:
                throw new HoconException(Peek.Origin, $"expected '=', ':', '+=' or '{{' after key '{keyText}', found {Peek.Describe()}");
        }

        var value = ParseValue(builder.AbsolutePath.Append(key), builder, detectSelfReferences: true)
            ?? throw new HoconException(Peek.Origin, $"expected a value for key '{keyText}', found {Peek.Describe()}");
        builder.Assign(key, value, append);
        return key;
    }

    /// <summary>
    /// Reads one value: a run of strings, substitutions, objects and arrays up to a new line, ',', '}' or ']'.
    /// Returns null when there is none. Several parts form a concatenation; whitespace between them is kept.
    /// </summary>
    private RawNode? ParseValue(HoconPath absolutePath, RawTreeBuilder? enclosing, bool detectSelfReferences)
    {
        var parts = new List<(HoconToken Token, RawNode Node)>();
        while (true)
        {
            var token = Peek;
            switch (token.Kind)
            {
                case HoconTokenKind.Whitespace:
                    parts.Add((Take(), new RawWhitespace(token.Text, token.Origin)));
                    continue;
                case HoconTokenKind.Unquoted or HoconTokenKind.Quoted or HoconTokenKind.TripleQuoted:
                    parts.Add((Take(), new RawLiteral(HoconScalar.String(token.Text, token.Origin))));
                    continue;
                case HoconTokenKind.Substitution:
                    Take();
                    var path = HoconPathBuilder.Build(token.PathTokens, token.Origin, token.Text);
                    var substitution = new RawSubstitution(_includePrefix.Append(path), token.Text, token.IsOptional, token.Origin)
                    {
                        UnprefixedPath = _includePrefix.IsRoot ? null : path,
                    };
                    parts.Add((token, substitution));
                    continue;
                case HoconTokenKind.OpenBrace:
                    {
                        Take();
                        Nest(token);
                        var literal = new RawTreeBuilder(new RawObject(token.Origin), absolutePath, enclosing, detectSelfReferences);
                        ParseObjectBody(literal, HoconTokenKind.CloseBrace);
                        _nesting--;
                        parts.Add((token, literal.Root));
                        continue;
                    }

                case HoconTokenKind.OpenBracket:
                    Take();
                    Nest(token);
                    parts.Add((token, ParseArrayBody(token, absolutePath)));
                    _nesting--;
                    continue;
            }

            break;
        }

        while (parts.Count > 0 && parts[^1].Token.Kind == HoconTokenKind.Whitespace)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        var first = parts.FindIndex(p => p.Token.Kind != HoconTokenKind.Whitespace);
        if (first < 0)
        {
            return null;
        }

        parts.RemoveRange(0, first);
        if (parts.Count == 1)
        {
            return parts[0].Token.Kind == HoconTokenKind.Unquoted ? ClassifyUnquoted(parts[0].Token) : parts[0].Node;
        }

        var origin = parts[0].Token.Origin;
        if (parts.TrueForAll(p => p.Node is RawLiteral or RawWhitespace))
        {
            // A plain string concatenation ('foo bar', '10 "s"'): fold it now, keeping inner whitespace as written.
            return new RawLiteral(HoconScalar.String(string.Concat(parts.Select(p => p.Token.Text)), origin));
        }

        return new RawConcatenation([.. parts.Select(p => p.Node)], origin);
    }

    private void Nest(HoconToken open)
    {
        if (++_nesting > MaxNesting)
        {
            throw new HoconException(open.Origin, $"objects and arrays nest more than {MaxNesting} levels deep; expected a flatter document");
        }
    }

    private RawArray ParseArrayBody(HoconToken open, HoconPath absolutePath)
    {
        var items = new List<RawNode>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            if (Peek.Kind == HoconTokenKind.CloseBracket)
            {
                Take();
                return new RawArray(items, open.Origin);
            }

            if (Peek.Kind == HoconTokenKind.Comma)
            {
                throw new HoconException(Peek.Origin, "expected an array element or ']', found ','");
            }

            var item = ParseValue(absolutePath, enclosing: null, detectSelfReferences: false)
                ?? throw new HoconException(Peek.Origin, $"expected an array element, ',' or ']', found {Peek.Describe()}");
            items.Add(item);
            if (!SkipSeparator("an array element") && Peek.Kind != HoconTokenKind.CloseBracket)
            {
                throw new HoconException(Peek.Origin, $"expected ',', a new line or ']' after an array element, found {Peek.Describe()}");
            }
        }
    }

    private static RawLiteral ClassifyUnquoted(HoconToken token) => new(HoconScalar.Infer(token.Text, token.Origin));

    public static bool IsJsonNumber(string text) => JsonNumber().IsMatch(text);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
