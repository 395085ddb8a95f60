namespace Everest.Site.Hocon.Tests;

public sealed class SubstitutionTests
{
    [Fact]
    public void Substitutions_resolve_against_the_whole_document_including_forward_references()
    {
        var root = Hocon.Parse("""
            a = ${b.c}
            b { c = ${d} }
            d = 42
            """);
        Assert.Equal("""{"a":42,"b":{"c":42},"d":42}""", root.Json());
    }

    [Fact]
    public void Substitutions_see_the_value_after_all_merging()
    {
        var root = Hocon.Parse("""
            bar { foo = 42, baz = ${bar.foo} }
            bar { foo = 43 }
            """);
        Assert.Equal("43", root.Text("bar.baz"));
    }

    [Fact]
    public void A_substituted_object_or_array_is_copied_whole() =>
        Assert.Equal(
            """{"o":{"x":1,"l":[1,2]},"copy":{"x":1,"l":[1,2]},"list":[1,2]}""",
            Hocon.Parse("o { x = 1, l = [1, 2] }\ncopy = ${o}\nlist = ${o.l}").Json());

    [Fact]
    public void Substitutions_concatenate_with_strings_keeping_whitespace() =>
        Assert.Equal("mqtt://host:1883 now", Hocon.Parse("host = host\nport = 1883\nurl = \"mqtt://\"${host}\":\"${port} now").Text("url"));

    [Fact]
    public void A_substitution_falls_back_to_the_environment()
    {
        var root = Hocon.Parse("home = ${HOME}\nuser = ${?USER_NAME}", new Dictionary<string, string> { ["HOME"] = "/home/x", ["USER_NAME"] = "ops" });
        Assert.Equal("/home/x", root.Text("home"));
        Assert.Equal("ops", root.Text("user"));
        Assert.Contains("environment variable USER_NAME", root.At("user").Origin.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_wins_over_the_environment() =>
        Assert.Equal("config", Hocon.Parse("HOME = config\nh = ${HOME}", new Dictionary<string, string> { ["HOME"] = "env" }).Text("h"));

    [Fact]
    public void An_absent_optional_substitution_leaves_the_field_unset_or_keeps_its_earlier_value()
    {
        var root = Hocon.Parse("""
            unset = ${?NOPE}
            kept = default
            kept = ${?NOPE}
            list = [1, ${?NOPE}, 2]
            text = a${?NOPE}b
            """);
        Assert.Equal("""{"kept":"default","list":[1,2],"text":"ab"}""", root.Json());
    }

    [Fact]
    public void A_present_optional_environment_variable_overrides_the_earlier_value() =>
        Assert.Equal("secret", Hocon.Parse("pw = none\npw = ${?PW}", new Dictionary<string, string> { ["PW"] = "secret" }).Text("pw"));

    [Fact]
    public void Self_referential_substitution_sees_the_earlier_value()
    {
        var root = Hocon.Parse("""
            path = [a]
            path = ${path} [b]
            path = ${path} [c]
            name = base
            name = ${name}-suffix
            """);
        Assert.Equal("""{"path":["a","b","c"],"name":"base-suffix"}""", root.Json());
    }

    [Fact]
    public void Self_reference_without_an_earlier_value_falls_back_to_the_environment() =>
        Assert.Equal("/bin:/usr/local/bin", Hocon.Parse("PATH = ${PATH}\":/usr/local/bin\"", new Dictionary<string, string> { ["PATH"] = "/bin" }).Text("PATH"));

    [Fact]
    public void Plus_equals_appends_to_an_array_and_starts_one_when_absent()
    {
        var root = Hocon.Parse("""
            a = [1]
            a += 2
            a += [3]
            b += x
            nested { list = [] }
            nested { list += { k = v } }
            """);
        Assert.Equal("""{"a":[1,2,[3]],"b":["x"],"nested":{"list":[{"k":"v"}]}}""", root.Json());
    }

    [Fact]
    public void Arrays_concatenate_with_substitutions()
    {
        var root = Hocon.Parse("""
            base = [1, 2]
            more = ${base} [3] ${base}
            """);
        Assert.Equal("[1,2,3,1,2]", root.At("more").Json());
    }

    [Fact]
    public void Objects_concatenate_by_merging_with_substitutions()
    {
        var root = Hocon.Parse("""
            defaults { port = 1883, tls { enabled = false } }
            broker = ${defaults} { host = h, tls { enabled = true } }
            """);
        Assert.Equal("""{"port":1883,"tls":{"enabled":true},"host":"h"}""", root.At("broker").Json());
    }

    [Fact]
    public void A_substituted_object_merges_with_earlier_definitions_of_the_field()
    {
        var root = Hocon.Parse("""
            extra { b = 2 }
            a { a = 1 }
            a = ${extra}
            """);
        Assert.Equal("""{"a":1,"b":2}""", root.At("a").Json());
    }

    [Fact]
    public void A_field_refining_a_substituted_object_merges_over_it()
    {
        var root = Hocon.Parse("""
            template { a = 1, b = 1 }
            x = ${template}
            x.b = 2
            x { c = 3 }
            """);
        Assert.Equal("""{"a":1,"b":2,"c":3}""", root.At("x").Json());
    }

    [Fact]
    public void Self_reference_to_a_path_below_the_field_reads_the_earlier_object()
    {
        var root = Hocon.Parse("""
            foo { a { c = 1 } }
            foo = ${foo.a}
            foo { a = 2 }
            """);
        Assert.Equal("""{"a":2,"c":1}""", root.At("foo").Json());
    }

    [Fact]
    public void A_cycle_is_reported_with_its_path_chain_and_position()
    {
        var error = Hocon.ParseFails("a = ${b}\nb = ${c}\nc = ${a}");
        Assert.Contains("cycle", error.Problem, StringComparison.Ordinal);
        Assert.Contains("a -> b -> c -> a", error.Problem, StringComparison.Ordinal);
        Assert.True(error.Origin.Line is >= 1 and <= 3);
    }

    [Theory]
    [InlineData("a { b = ${a} }")]
    [InlineData("a = [${a}]")]
    [InlineData("a = [1]\na = [${a}]")]
    public void A_reference_to_the_field_from_inside_its_own_object_or_array_is_a_cycle(string text) =>
        Assert.Contains("cycle", Hocon.ParseFails(text).Problem, StringComparison.Ordinal);

    [Fact]
    public void An_optional_substitution_treats_a_cycle_as_missing() =>
        Assert.Equal("""{"c":1}""", Hocon.Parse("a = ${?b}\nb = ${?a}\nc = 1").Json());

    [Fact]
    public void An_optional_self_reference_in_a_concatenation_looks_back_to_nothing() =>
        Assert.Equal("foo", Hocon.Parse("a = ${?a}foo").Text("a"));

    [Fact]
    public void Mutually_referring_objects_look_forward()
    {
        var root = Hocon.Parse("""
            bar : { a : ${foo.d}, b : 1 }
            bar.b = 3
            foo : { c : ${bar.b}, d : 2 }
            foo.d = 4
            """);
        Assert.Equal("""{"bar":{"a":4,"b":3},"foo":{"c":3,"d":4}}""", root.Json());
    }

    [Fact]
    public void A_substitution_hidden_by_a_later_plain_value_is_never_evaluated() =>
        Assert.Equal("""{"foo":42,"bar":42}""", Hocon.Parse("foo = ${does-not-exist}\nfoo = 42\nbar = ${bar}\nbar = 42").Json());

    [Fact]
    public void A_null_in_the_configuration_is_not_looked_up_in_the_environment() =>
        Assert.Equal(HoconValueKind.Null, Hocon.Parse("HOME = null\nh = ${HOME}", new Dictionary<string, string> { ["HOME"] = "/home/x" }).At("h").Kind);

    [Fact]
    public void An_unresolved_required_substitution_fails_with_its_position_and_the_names_looked_for()
    {
        var error = Hocon.ParseFails("a = 1\nb {\n  c = x ${missing.key}\n}");
        Assert.Equal(new HoconOrigin("test.conf", 3, 9), error.Origin);
        Assert.Contains("${missing.key}", error.Problem, StringComparison.Ordinal);
        Assert.Contains("environment variable", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixing_an_array_with_a_string_in_a_concatenation_fails_with_a_position()
    {
        var error = Hocon.ParseFails("list = [1]\nbad = ${list} oops");
        Assert.Equal(2, error.Origin.Line);
        Assert.Contains("cannot concatenate array with string", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_segments_in_substitutions_address_dotted_keys() =>
        Assert.Equal("1", Hocon.Parse("\"a.b\" { c = 1 }\nx = ${\"a.b\".c}").Text("x"));

    [Fact]
    public void Substitution_results_keep_their_kind() =>
        Assert.Equal("""{"n":5,"b":true,"z":null,"cn":5,"cb":true,"cz":null}""", Hocon.Parse("n = 5, b = true, z = null\ncn = ${n}, cb = ${b}, cz = ${z}").Json());
}
