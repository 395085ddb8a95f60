namespace Everest.Site.Hocon.Tests;

public sealed class SyntaxTests
{
    [Fact]
    public void Comments_with_hash_and_double_slash_are_ignored_to_the_end_of_the_line()
    {
        var root = Hocon.Parse("""
            # a comment
            a = 1 # trailing
            // another
            b = "x // not a comment" // but this is
            c = a#b
            """);

        Assert.Equal("""{"a":1,"b":"x // not a comment","c":"a"}""", root.Json());
    }

    [Theory]
    [InlineData("a = 1")]
    [InlineData("a : 1")]
    [InlineData("a=1")]
    [InlineData("a:1")]
    [InlineData("{ a = 1 }")]
    [InlineData("{\"a\":1}")]
    public void Fields_accept_equals_colon_and_braced_or_braceless_roots(string text) =>
        Assert.Equal("""{"a":1}""", Hocon.Parse(text).Json());

    [Fact]
    public void An_object_value_needs_no_separator_before_its_brace() =>
        Assert.Equal("""{"a":{"b":1}}""", Hocon.Parse("a { b = 1 }").Json());

    [Theory]
    [InlineData("a = 1, b = 2")]
    [InlineData("a = 1\nb = 2")]
    [InlineData("a = 1,\nb = 2,")]
    [InlineData("a = 1\n\n,b = 2\n")]
    [InlineData("{ a = 1, b = 2, }")]
    public void Fields_are_separated_by_commas_or_newlines_and_trailing_commas_are_allowed(string text) =>
        Assert.Equal("""{"a":1,"b":2}""", Hocon.Parse(text).Json());

    [Theory]
    [InlineData("a = [1, 2, 3]")]
    [InlineData("a = [1\n2\n3]")]
    [InlineData("a = [\n  1,\n  2,\n  3,\n]")]
    public void Array_elements_are_separated_by_commas_or_newlines(string text) =>
        Assert.Equal("""{"a":[1,2,3]}""", Hocon.Parse(text).Json());

    [Fact]
    public void Arrays_of_objects_and_nested_arrays_are_read()
    {
        var root = Hocon.Parse("""
            chargers = [
              { id = cp-1, evses = [ { id = cp-1-1 }, { id = cp-1-2 } ] }
              { id = cp-2, evses = [] }
            ]
            matrix = [[1, 2], [], [3]]
            """);

        Assert.Equal(
            """{"chargers":[{"id":"cp-1","evses":[{"id":"cp-1-1"},{"id":"cp-1-2"}]},{"id":"cp-2","evses":[]}],"matrix":[[1,2],[],[3]]}""",
            root.Json());
    }

    [Fact]
    public void Unquoted_values_become_numbers_booleans_null_or_strings()
    {
        var root = Hocon.Parse("""
            int = 42
            negative = -7
            decimal = 1.50
            exponent = 1e-3
            big = 1E+25
            yes = true
            no = false
            nothing = null
            word = board-a
            duration = 10m
            version = 1.2.3
            truthy = trueish
            """);

        Assert.Equal(
            """{"int":42,"negative":-7,"decimal":1.50,"exponent":1e-3,"big":1E+25,"yes":true,"no":false,"nothing":null,"word":"board-a","duration":"10m","version":"1.2.3","truthy":"trueish"}""",
            root.Json());
    }

    [Fact]
    public void Quoted_strings_decode_every_json_escape()
    {
        var root = Hocon.Parse("""a = "q\" b\\ s\/ \b\f\n\r\t u\u00e9\u20AC" """);
        Assert.Equal("q\" b\\ s/ \b\f\n\r\t u\u00e9\u20AC", root.Text("a"));
    }

    [Fact]
    public void Quoted_strings_keep_reserved_characters_and_are_never_numbers_or_booleans()
    {
        var root = Hocon.Parse("""a = "${not.a.substitution} {} [] = : # //", b = "42", c = "true" """);
        Assert.Equal("""{"a":"${not.a.substitution} {} [] = : # //","b":"42","c":"true"}""", root.Json());
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_and_keep_everything_raw()
    {
        var root = Hocon.Parse("a = \"\"\"line 1\n  \"quoted\" \\n ${x} # no comment\nline 3\"\"\"\nb = \"\"\"ends with quote\"\"\"\"");
        Assert.Equal("line 1\n  \"quoted\" \\n ${x} # no comment\nline 3", root.Text("a"));
        Assert.Equal("ends with quote\"", root.Text("b"));
    }

    [Fact]
    public void Unquoted_concatenation_keeps_inner_whitespace_and_drops_outer_whitespace()
    {
        var root = Hocon.Parse("a =   foo   bar  baz   \nb = 1 2\nc = foo\"bar\"  \"baz\"\nd = 10 \"s\"");
        Assert.Equal("foo   bar  baz", root.Text("a"));
        Assert.Equal("1 2", root.Text("b"));
        Assert.Equal("foobar  baz", root.Text("c"));
        Assert.Equal("10 s", root.Text("d"));
        Assert.Equal(HoconValueKind.String, root.At("b").Kind);
    }

    [Fact]
    public void Path_keys_expand_into_nested_objects()
    {
        var root = Hocon.Parse("a.b.c = 1\na.b.d = 2\na.e = 3");
        Assert.Equal("""{"a":{"b":{"c":1,"d":2},"e":3}}""", root.Json());
    }

    [Fact]
    public void Quoted_key_segments_keep_their_dots_and_whitespace()
    {
        var root = Hocon.Parse("\"a.b\" = 1\nx.\"y.z\".w = 2\n\"\" = empty\n\"sp ace\" = 3\nfoo bar = 4");
        Assert.Equal("""{"a.b":1,"x":{"y.z":{"w":2}},"":"empty","sp ace":3,"foo bar":4}""", root.Json());
    }

    [Fact]
    public void Numeric_looking_keys_are_paths_of_strings() =>
        Assert.Equal("""{"10":{"5":"x"}}""", Hocon.Parse("10.5 = x").Json());

    [Fact]
    public void A_key_named_include_is_an_ordinary_key_when_not_followed_by_a_file()
    {
        var root = Hocon.Parse("include = 5\nincludes { x = 1 }");
        Assert.Equal("""{"include":5,"includes":{"x":1}}""", root.Json());
    }

    [Fact]
    public void Null_is_kept_as_a_value() =>
        Assert.Equal(HoconValueKind.Null, Hocon.Parse("a = null").At("a").Kind);

    [Fact]
    public void Origins_record_file_line_and_column_of_each_value()
    {
        var root = Hocon.Parse("a {\n  b = 1\n    c = [x]\n}");
        Assert.Equal(new HoconOrigin("test.conf", 2, 7), root.At("a.b").Origin);
        Assert.Equal(new HoconOrigin("test.conf", 3, 9), root.At("a.c").Origin);
    }

    [Fact]
    public void A_byte_order_mark_and_windows_line_endings_are_accepted() =>
        Assert.Equal("""{"a":1,"b":"x"}""", Hocon.Parse("\uFEFFa = 1\r\nb = x\r\n").Json());
}
