using System.Globalization;
using System.Text;

namespace Everest.Site.Hocon.Parsing;

/// <summary>
/// Splits HOCON text into tokens. Comments (<c>#</c> and <c>//</c> to the end of the line) are dropped here;
/// newlines are kept because they separate fields and end value concatenations.
/// </summary>
internal sealed class HoconTokenizer
{
    private readonly string _text;
    private readonly string _source;
    private int _position;
    private int _line = 1;
    private int _column = 1;

    public HoconTokenizer(string text, string source)
    {
        _text = text;
        _source = source;
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            Advance();
        }
    }

    public static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    /// <summary>Characters the spec reserves: they end an unquoted string and need quotes to be used in one.</summary>
    public static bool IsForbiddenInUnquoted(char c) => c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ','
        or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';

    public List<HoconToken> Tokenize()
    {
        var tokens = new List<HoconToken>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == HoconTokenKind.End)
            {
                return tokens;
            }
        }
    }

    /// <summary>Tokens of a bare path expression (as in <see cref="HoconPath.Parse"/>): strings and whitespace only.</summary>
    public List<HoconToken> TokenizePathExpression()
    {
        var tokens = new List<HoconToken>();
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case HoconTokenKind.End:
                    return tokens;
                case HoconTokenKind.Unquoted or HoconTokenKind.Quoted or HoconTokenKind.Whitespace:
                    tokens.Add(token);
                    break;
                default:
                    throw new HoconException(token.Origin, $"expected a path expression, found {token.Describe()}");
            }
        }
    }

    private HoconOrigin Here => new(_source, _line, _column);

    private char Current => _text[_position];

    private bool AtEnd => _position >= _text.Length;

    private char PeekAt(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private void Advance()
    {
        if (_text[_position] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _position++;
    }

    private bool AtCommentStart => !AtEnd && (Current == '#' || (Current == '/' && PeekAt(1) == '/'));

    private HoconToken Next()
    {
        while (AtCommentStart)
        {
            while (!AtEnd && Current != '\n')
            {
                Advance();
            }
        }

        var origin = Here;
        if (AtEnd)
        {
            return new HoconToken(HoconTokenKind.End, "", origin);
        }

        var c = Current;
        switch (c)
        {
            case '\n':
                Advance();
                return new HoconToken(HoconTokenKind.Newline, "\n", origin);
            case ',':
                return Single(HoconTokenKind.Comma, origin);
            case ':':
                return Single(HoconTokenKind.Colon, origin);
            case '=':
                return Single(HoconTokenKind.Equals, origin);
            case '{':
                return Single(HoconTokenKind.OpenBrace, origin);
            case '}':
                return Single(HoconTokenKind.CloseBrace, origin);
            case '[':
                return Single(HoconTokenKind.OpenBracket, origin);
            case ']':
                return Single(HoconTokenKind.CloseBracket, origin);
            case '+':
                if (PeekAt(1) != '=')
                {
                    throw new HoconException(origin, "expected '+=' ('+' alone is reserved; quote the string if it contains '+')");
                }

                Advance();
                Advance();
                return new HoconToken(HoconTokenKind.PlusEquals, "+=", origin);
            case '"':
                return PeekAt(1) == '"' && PeekAt(2) == '"' ? TripleQuoted(origin) : Quoted(origin);
            case '$':
                return Substitution(origin);
        }

        if (IsWhitespace(c))
        {
            var start = _position;
            while (!AtEnd && IsWhitespace(Current))
            {
                Advance();
            }

            return new HoconToken(HoconTokenKind.Whitespace, _text[start.._position], origin);
        }

        if (IsForbiddenInUnquoted(c))
        {
            throw new HoconException(origin, $"character '{c}' is not allowed in an unquoted string; put the text in double quotes");
        }

        var begin = _position;
        while (!AtEnd && !IsWhitespace(Current) && Current != '\n' && !AtCommentStart)
        {
            // '+' is reserved, except in the exponent of a number such as 1E+25 (JSON writes those).
            var exponentSign = Current == '+' && IsNumberBeforeExponentSign(_text.AsSpan(begin, _position - begin));
            if (IsForbiddenInUnquoted(Current) && !exponentSign)
            {
                break;
            }

            Advance();
        }

        return new HoconToken(HoconTokenKind.Unquoted, _text[begin.._position], origin);
    }

    private static bool IsNumberBeforeExponentSign(ReadOnlySpan<char> run)
    {
        if (run.Length < 2 || (run[^1] != 'e' && run[^1] != 'E'))
        {
            return false;
        }

        var mantissa = run[..^1];
        if (mantissa[0] == '-')
        {
            mantissa = mantissa[1..];
        }

        return mantissa.Length > 0 && char.IsAsciiDigit(mantissa[0]) && !mantissa.ContainsAnyExcept("0123456789.");
    }

    private HoconToken Single(HoconTokenKind kind, HoconOrigin origin)
    {
        var text = Current.ToString();
        Advance();
        return new HoconToken(kind, text, origin);
    }

    private HoconToken Quoted(HoconOrigin origin)
    {
        Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw new HoconException(Here, "expected a closing '\"' before the end of the line (use \"\"\" for multi-line strings)");
            }

            var c = Current;
            if (c == '"')
            {
                Advance();
                return new HoconToken(HoconTokenKind.Quoted, builder.ToString(), origin);
            }

            if (c == '\\')
            {
                var escapeOrigin = Here;
                Advance();
                if (AtEnd)
                {
                    throw new HoconException(escapeOrigin, "expected an escape character after '\\'");
                }

                var e = Current;
                Advance();
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length
                            || !int.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new HoconException(escapeOrigin, "expected four hex digits after '\\u'");
                        }

                        for (var i = 0; i < 4; i++)
                        {
                            Advance();
                        }

                        builder.Append((char)code);
                        break;
                    default:
                        throw new HoconException(escapeOrigin, $"expected one of the JSON escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found '\\{e}'");
                }

                continue;
            }

            if (char.IsControl(c) && c != '\t')
            {
                throw new HoconException(Here, $"control character U+{(int)c:X4} must be escaped in a quoted string");
            }

            builder.Append(c);
            Advance();
        }
    }

    private HoconToken TripleQuoted(HoconOrigin origin)
    {
        Advance();
        Advance();
        Advance();
        var start = _position;
        while (true)
        {
            if (AtEnd)
            {
                throw new HoconException(origin, "expected a closing \"\"\" for this multi-line string");
            }

            if (Current == '"' && PeekAt(1) == '"' && PeekAt(2) == '"')
            {
                // Quotes directly before the closing three belong to the string ("""a"""" is a" + ").
                while (PeekAt(3) == '"')
                {
                    Advance();
                }

                var text = _text[start.._position];
                Advance();
                Advance();
                Advance();
                return new HoconToken(HoconTokenKind.TripleQuoted, text, origin);
            }

            Advance();
        }
    }

    private HoconToken Substitution(HoconOrigin origin)
    {
        Advance();
        if (AtEnd || Current != '{')
        {
            throw new HoconException(origin, "expected '{' after '$' (a substitution is written ${path}; quote a literal '$')");
        }

        Advance();
        var optional = false;
        if (!AtEnd && Current == '?')
        {
            optional = true;
            Advance();
        }

        var pathTokens = new List<HoconToken>();
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBrace:
                    {
                        var expression = string.Concat(pathTokens.Select(t => t.Kind == HoconTokenKind.Quoted ? Output.HoconStringQuoter.Quote(t.Text) : t.Text)).Trim();
                        return new HoconToken(HoconTokenKind.Substitution, expression, origin) { PathTokens = pathTokens, IsOptional = optional };
                    }

                case HoconTokenKind.Unquoted or HoconTokenKind.Quoted or HoconTokenKind.Whitespace:
                    pathTokens.Add(token);
                    break;
                default:
                    throw new HoconException(token.Origin, $"expected a path and '}}' in the substitution, found {token.Describe()}");
            }
        }
    }
}
