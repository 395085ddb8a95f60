using System.Text;

namespace Everest.Site.Hocon.Parsing;

/// <summary>Turns the tokens of a key or of a substitution into a <see cref="HoconPath"/>.</summary>
internal static class HoconPathBuilder
{
    public static HoconPath Build(IReadOnlyList<HoconToken> tokens, HoconOrigin origin, string expressionForErrors)
    {
        var start = 0;
        var end = tokens.Count;
        while (start < end && tokens[start].Kind == HoconTokenKind.Whitespace)
        {
            start++;
        }

        while (end > start && tokens[end - 1].Kind == HoconTokenKind.Whitespace)
        {
            end--;
        }

        if (start == end)
        {
            throw new HoconException(origin, "expected a key or path, found nothing");
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind != HoconTokenKind.Unquoted)
            {
                current.Append(token.Text);
                hasContent |= token.Kind == HoconTokenKind.Quoted;
                continue;
            }

            foreach (var c in token.Text)
            {
                if (c != '.')
                {
                    current.Append(c);
                    hasContent = true;
                    continue;
                }

                if (!hasContent)
                {
                    throw new HoconException(token.Origin, $"expected a key segment before '.' in path '{expressionForErrors}' (quote empty or dotted keys)");
                }

                segments.Add(current.ToString());
                current.Clear();
                hasContent = false;
            }
        }

        if (!hasContent)
        {
            throw new HoconException(tokens[end - 1].Origin, $"expected a key segment after the last '.' in path '{expressionForErrors}'");
        }

        segments.Add(current.ToString());
        return new HoconPath(segments);
    }
}
