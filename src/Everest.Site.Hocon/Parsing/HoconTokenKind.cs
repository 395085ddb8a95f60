namespace Everest.Site.Hocon.Parsing;

internal enum HoconTokenKind
{
    Whitespace,
    Newline,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Unquoted,
    Quoted,
    TripleQuoted,
    Substitution,
    End,
}
