namespace Everest.Site.Hocon.Tests;

/// <summary>Corner cases written from the rules of the HOCON specification. Legend: text → expected tree as JSON.</summary>
public sealed class TrickyCasesTests
{
    [Theory]
    [InlineData("a = \"foo\" bar", """{"a":"foo bar"}""")]                        // quoted and unquoted parts concatenate
    [InlineData("a = foo.bar", """{"a":"foo.bar"}""")]                           // dots are plain text in values
    [InlineData("a = true false", """{"a":"true false"}""")]                     // keywords inside a concatenation are text
    [InlineData("a = 10 s", """{"a":"10 s"}""")]                                 // a number followed by text is a string
    [InlineData("a = 1#c", """{"a":1}""")]                                       // a comment may touch the value
    [InlineData("a = 1//c", """{"a":1}""")]
    [InlineData("", "{}")]                                                      // an empty file is an empty object
    [InlineData("# only\n// comments\n", "{}")]
    [InlineData("a b c : 42", """{"a b c":42}""")]                              // whitespace inside a key is kept
    [InlineData("\"a\" b \"c\" = 1", """{"a b c":1}""")]                        // quoted and unquoted key parts form one segment
    [InlineData("\"include\" = 1", """{"include":1}""")]                        // a quoted include is an ordinary key
    [InlineData("a = 1\na.b = 2", """{"a":{"b":2}}""")]                          // a path key replaces a non-object
    [InlineData("a { x = 1 }\na = ${?nope}", """{"a":{"x":1}}""")]               // an absent optional keeps the earlier object
    [InlineData("a = ${?nope} { x = 1 }", """{"a":{"x":1}}""")]                  // ... and vanishes from an object concatenation
    [InlineData("a = { x = 1 } { y = 2 }", """{"a":{"x":1,"y":2}}""")]           // literal objects concatenate by merging
    [InlineData("a = [1] [2]", """{"a":[1,2]}""")]                              // literal arrays concatenate
    [InlineData("x = 1\ny = ${x}\nx = 2", """{"x":2,"y":2}""")]                  // substitutions see the final value
    [InlineData("a = 1\na = ${a}\na = 3", """{"a":3}""")]                        // a self-reference that is later replaced
    [InlineData("a.b += 1\na.b += 2", """{"a":{"b":[1,2]}}""")]                  // += on a path starts and extends an array
    [InlineData("z = null\na = ${z}", """{"z":null,"a":null}""")]                // a substituted null stays null
    [InlineData("a\u00A0=\u2003 1", """{"a":1}""")]                             // Unicode spaces are whitespace
    [InlineData("a = \"\"\"x\"\"\"\"\"", """{"a":"x\"\""}""")]                  // extra quotes before """ belong to the string
    [InlineData("a = \"\"\"\"\"\"", """{"a":""}""")]                            // an empty triple-quoted string
    [InlineData("a = ${b}\"!\"\nb = [1]\nb = hi", """{"a":"hi!","b":"hi"}""")]   // concatenation uses the final value of b
    [InlineData("a : [ { b : 1 } { c : 2 } ]", """{"a":[{"b":1,"c":2}]}""")]     // objects in one element merge
    [InlineData("a = -0", """{"a":-0}""")]
    [InlineData("a = 01", """{"a":"01"}""")]                                    // not a JSON number: a string
    [InlineData("a = .5", """{"a":".5"}""")]
    [InlineData("a = 1.", """{"a":"1."}""")]
    public void Spec_rules(string text, string expected) =>
        Assert.Equal(Hocon.Compact(expected), Hocon.Parse(text).Json());

    [Fact]
    public void A_self_reference_without_earlier_value_or_environment_variable_is_unresolved()
    {
        var error = Hocon.ParseFails("foo = ${foo}");
        Assert.Contains("could not resolve substitution ${foo}", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_optional_self_reference_without_earlier_value_leaves_the_field_unset() =>
        Assert.Equal("{}", Hocon.Parse("foo = ${?foo}").Json());

    [Fact]
    public void A_substitution_into_the_middle_of_an_object_defined_by_a_substitution_resolves()
    {
        var root = Hocon.Parse("""
            base { port = 1 }
            server = ${base}
            server { host = h, url = ${server.host}":"${server.port} }
            """);
        Assert.Equal("h:1", root.Text("server.url"));
    }
}
