using Everest.Site.Hocon.Resolution;

namespace Everest.Site.Hocon.Parsing;

internal sealed partial class HoconParser
{
    private static readonly string[] IncludeForms = ["file(", "required(", "url(", "classpath("];

    /// <summary>An unquoted <c>include</c> at the start of a field, followed by a quoted name or one of the include forms.</summary>
    private bool IsIncludeStatement()
    {
        if (Peek.Kind != HoconTokenKind.Unquoted || Peek.Text != "include" || PeekAt(1).Kind is not (HoconTokenKind.Whitespace or HoconTokenKind.Newline))
        {
            return false;
        }

        // Any whitespace, new lines included, may separate 'include' from what it includes.
        var offset = 1;
        while (PeekAt(offset).Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            offset++;
        }

        var target = PeekAt(offset);
        return target.Kind == HoconTokenKind.Quoted
            || (target.Kind == HoconTokenKind.Unquoted && IncludeForms.Any(f => target.Text.StartsWith(f, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Reads <c>include "f"</c>, <c>include file("f")</c>, <c>include required("f")</c> or
    /// <c>include required(file("f"))</c> and applies the included file's fields here.
    /// </summary>
    private void ParseInclude(RawTreeBuilder builder)
    {
        var includeToken = Take();
        SkipWhitespaceAndNewlines();
        var required = false;
        var openParens = 0;
        string? name = null;
        while (name is null)
        {
            var token = Take();
            switch (token.Kind)
            {
                case HoconTokenKind.Quoted:
                    name = token.Text;
                    break;
                case HoconTokenKind.Unquoted:
                    // 'required(file(' arrives as one unquoted run: take it apart form by form.
                    var rest = token.Text;
                    while (rest.Length > 0)
                    {
                        if (rest.StartsWith("required(", StringComparison.Ordinal) && !required && openParens == 0)
                        {
                            required = true;
                            rest = rest["required(".Length..];
                        }
                        else if (rest.StartsWith("file(", StringComparison.Ordinal) && openParens <= (required ? 1 : 0))
                        {
                            rest = rest["file(".Length..];
                        }
                        else if (rest.StartsWith("url(", StringComparison.Ordinal) || rest.StartsWith("classpath(", StringComparison.Ordinal))
                        {
                            throw new HoconException(token.Origin, $"include {rest[..(rest.IndexOf('(', StringComparison.Ordinal) + 1)]}…) is not supported; expected \"file\", file(\"file\") or required(\"file\")");
                        }
                        else
                        {
                            throw new HoconException(token.Origin, $"expected a quoted file name, file(\"…\") or required(\"…\") after include, found '{token.Text}'");
                        }

                        openParens++;
                    }

                    break;
                case HoconTokenKind.Whitespace when openParens > 0:
                    break;
                default:
                    throw new HoconException(token.Origin, $"expected a quoted file name, file(\"…\") or required(\"…\") after include, found {token.Describe()}");
            }
        }

        while (openParens > 0)
        {
            SkipWhitespace();
            var token = Peek;
            if (token.Kind != HoconTokenKind.Unquoted || token.Text.Trim(')').Length > 0 || token.Text.Length > openParens)
            {
                throw new HoconException(token.Origin, $"expected ')' to close the include, found {token.Describe()}");
            }

            Take();
            openParens -= token.Text.Length;
        }

        IncludeFile(builder, name, required, includeToken.Origin);
    }

    private void IncludeFile(RawTreeBuilder builder, string name, bool required, HoconOrigin origin)
    {
        var baseDirectory = _directory ?? Directory.GetCurrentDirectory();
        var fullPath = Path.GetFullPath(Path.Combine(baseDirectory, name));
        var displayName = Path.IsPathRooted(name) ? name : Path.Join(Path.GetDirectoryName(_source), name);
        if (!File.Exists(fullPath))
        {
            if (required)
            {
                throw new HoconException(origin, $"expected the required include file '{displayName}' to exist ({fullPath})");
            }

            _context.Warnings.Add(new HoconWarning(origin, $"optional include '{displayName}' does not exist and was skipped"));
            return;
        }

        if (_context.OpenFiles.Contains(fullPath, StringComparer.Ordinal))
        {
            throw new HoconException(origin, $"include cycle: '{displayName}' is already being read");
        }

        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconException(origin, $"could not read include file '{displayName}': {e.Message}", e);
        }

        _context.OpenFiles.Add(fullPath);
        new HoconParser(text, displayName, Path.GetDirectoryName(fullPath), builder.AbsolutePath, _context).ParseDocument(builder);
        _context.OpenFiles.RemoveAt(_context.OpenFiles.Count - 1);
    }
}
