namespace Everest.Site.Hocon.Tests;

/// <summary>Every syntax error names file, line and column and says what was expected.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("a = 1\nb 2", 2, 4, "expected '=', ':', '+=' or '{' after key 'b 2', found end of input")]
    [InlineData("a = 1\nb\nc = 2", 2, 2, "expected '=', ':', '+=' or '{' after key 'b', found end of line")]
    [InlineData("a = 1\nb = ", 2, 5, "expected a value for key 'b'")]
    [InlineData("a = [1, 2", 1, 10, "expected ',', a new line or ']' after an array element, found end of input")]
    [InlineData("a = [1,\n", 2, 1, "expected an array element, ',' or ']', found end of input")]
    [InlineData("a { b = 1", 1, 10, "expected ',', a new line or '}' after the value of 'b', found end of input")]
    [InlineData("a { b = 1\n", 2, 1, "expected a field or '}', found end of input")]
    [InlineData("a = 1 }", 1, 7, "expected ',', a new line or end of input after the value of 'a'")]
    [InlineData("a = \"open\nb = 1", 1, 10, "expected a closing '\"'")]
    [InlineData("a = \"\"\"never closed", 1, 5, "expected a closing \"\"\"")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "expected one of the JSON escapes")]
    [InlineData("a = \"\\u12\"", 1, 6, "expected four hex digits")]
    [InlineData("a = 1,, b = 2", 1, 7, "found another ','")]
    [InlineData("a = [1,, 2]", 1, 8, "found another ','")]
    [InlineData("a = [, 1]", 1, 6, "expected an array element or ']'")]
    [InlineData(", a = 1", 1, 1, "expected a field")]
    [InlineData("a = ${}", 1, 5, "expected a key or path")]
    [InlineData("a = ${b", 1, 8, "expected a path and '}'")]
    [InlineData("a = $b", 1, 5, "expected '{' after '$'")]
    [InlineData("a = b + c", 1, 7, "expected '+='")]
    [InlineData("a = x!y", 1, 6, "character '!' is not allowed")]
    [InlineData("a..b = 1", 1, 1, "expected a key segment before '.'")]
    [InlineData("a. = 1", 1, 1, "expected a key segment after the last '.'")]
    [InlineData("url = http://example.com", 1, 11, "found ':'")]
    [InlineData("[1, 2]", 1, 1, "expected an object at the root")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "expected end of input")]
    [InlineData("include \"a.conf\" extra", 1, 18, "after the include")]
    [InlineData("include required(\"a.conf\"", 1, 26, "expected ')'")]
    [InlineData("a = [1]\n[2]", 2, 1, "expected a key, found '['")]
    [InlineData("a = [1] x", 1, 9, "cannot concatenate array with string")]
    public void Syntax_errors_report_position_and_expectation(string text, int line, int column, string expected)
    {
        var error = Hocon.ParseFails(text);
        Assert.Contains(expected, error.Problem, StringComparison.Ordinal);
        Assert.Equal(("test.conf", line, column), (error.Origin.Source, error.Origin.Line, error.Origin.Column));
        Assert.StartsWith($"test.conf:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_nesting_is_refused_with_a_position_instead_of_exhausting_the_stack()
    {
        var error = Hocon.ParseFails("a = " + new string('[', 100_000));
        Assert.Contains("nest more than", error.Problem, StringComparison.Ordinal);
        Assert.Equal(1, error.Origin.Line);
        Assert.Equal("""{"a":[[[]]]}""", Hocon.Parse("a = [[[]]]").Json());
    }

    [Fact]
    public void Deep_but_reasonable_nesting_reads()
    {
        var depth = 150;
        var text = "a = " + new string('[', depth) + new string(']', depth);
        Assert.Equal(HoconValueKind.Array, Hocon.Parse(text).At("a").Kind);
    }
}
