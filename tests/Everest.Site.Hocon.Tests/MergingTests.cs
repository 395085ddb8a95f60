namespace Everest.Site.Hocon.Tests;

public sealed class MergingTests
{
    [Fact]
    public void A_later_object_merges_into_an_earlier_one_recursively()
    {
        var root = Hocon.Parse("""
            a { x = 1, n { p = 1, q = 1 } }
            a { y = 2, n { q = 2 } }
            """);
        Assert.Equal("""{"a":{"x":1,"n":{"p":1,"q":2},"y":2}}""", root.Json());
    }

    [Fact]
    public void A_later_non_object_replaces_an_object_and_a_later_object_replaces_a_non_object()
    {
        var root = Hocon.Parse("""
            a { x = 1 }
            a = 5
            b = 5
            b { y = 2 }
            c = [1, 2]
            c = [3]
            """);
        Assert.Equal("""{"a":5,"b":{"y":2},"c":[3]}""", root.Json());
    }

    [Fact]
    public void An_object_that_replaced_a_value_does_not_merge_with_what_came_before_the_value()
    {
        var root = Hocon.Parse("a { x = 1 }\na = null\na { y = 2 }");
        Assert.Equal("""{"a":{"y":2}}""", root.Json());
    }

    [Fact]
    public void Path_keys_merge_with_object_fields() =>
        Assert.Equal("""{"a":{"b":{"c":1,"d":2}}}""", Hocon.Parse("a { b { c = 1 } }\na.b.d = 2").Json());

    [Fact]
    public void Later_layers_of_a_loader_merge_over_earlier_ones_and_substitutions_see_the_final_values()
    {
        var document = new HoconLoader(_ => null)
            .AddText("site { name = default, greeting = hello ${site.name} }", "reference.conf")
            .AddText("site.name = depot", "site.conf")
            .Load();
        Assert.Equal("hello depot", document.Root.Text("site.greeting"));
        Assert.Equal("reference.conf", document.Root.At("site.greeting").Origin.Source);
        Assert.Equal("site.conf", document.Root.At("site.name").Origin.Source);
    }
}
