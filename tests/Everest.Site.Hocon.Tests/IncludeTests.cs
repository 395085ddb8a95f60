namespace Everest.Site.Hocon.Tests;

public sealed class IncludeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hocon-include-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private HoconDocument Load(string path) => new HoconLoader(_ => null).AddFile(path).Load();

    [Fact]
    public void An_include_is_resolved_relative_to_the_including_file_and_merged_where_it_stands()
    {
        Write("conf/common/limits.conf", "grid { max = 100, margin = 2 }");
        var main = Write("conf/site.conf", """
            grid { max = 50 }
            include "common/limits.conf"
            grid { margin = 3 }
            """);

        var root = Load(main).Root;
        Assert.Equal("""{"grid":{"max":100,"margin":3}}""", root.Json());
        Assert.EndsWith(Path.Join("common", "limits.conf"), root.At("grid.max").Origin.Source, StringComparison.Ordinal);
        Assert.Equal(1, root.At("grid.max").Origin.Line);
    }

    [Fact]
    public void Includes_of_included_files_are_relative_to_the_included_file()
    {
        Write("a/b/inner.conf", "x = deep");
        Write("a/middle.conf", "include \"b/inner.conf\"\ny = mid");
        var main = Write("main.conf", "include \"a/middle.conf\"");
        Assert.Equal("""{"x":"deep","y":"mid"}""", Load(main).Root.Json());
    }

    [Theory]
    [InlineData("include required(\"other.conf\")")]
    [InlineData("include required( \"other.conf\" )")]
    [InlineData("include file(\"other.conf\")")]
    [InlineData("include required(file(\"other.conf\"))")]
    [InlineData("include \"other.conf\"")]
    public void Every_include_form_reads_the_file(string statement)
    {
        Write("other.conf", "k = v");
        var main = Write("main.conf", statement);
        Assert.Equal("""{"k":"v"}""", Load(main).Root.Json());
    }

    [Fact]
    public void An_include_inside_an_object_nests_the_fields_and_prefixes_the_substitutions()
    {
        Write("part.conf", "a = 1\nb = ${a}");
        var main = Write("main.conf", "a = top\nnested { include \"part.conf\" }");
        Assert.Equal("""{"a":"top","nested":{"a":1,"b":1}}""", Load(main).Root.Json());
    }

    [Fact]
    public void A_substitution_in_a_nested_include_falls_back_to_the_root_path()
    {
        Write("part.conf", "port = ${defaults.port}");
        var main = Write("main.conf", "defaults.port = 1883\nbroker { include \"part.conf\" }");
        Assert.Equal("1883", Load(main).Root.Text("broker.port"));
    }

    [Fact]
    public void New_lines_may_separate_include_from_its_file()
    {
        Write("other.conf", "k = v");
        var main = Write("main.conf", "include\n  \"other.conf\"\nx = 1");
        Assert.Equal("""{"k":"v","x":1}""", Load(main).Root.Json());
    }

    [Fact]
    public void A_missing_required_include_fails_with_the_position_of_the_include()
    {
        var main = Write("main.conf", "a = 1\n  include required(\"nope.conf\")");
        var error = Assert.Throws<HoconException>(() => Load(main));
        Assert.Equal(new HoconOrigin(main, 2, 3), error.Origin);
        Assert.Contains("nope.conf", error.Problem, StringComparison.Ordinal);
        Assert.Contains("required", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_optional_include_is_skipped_as_the_spec_says_but_reported_as_a_warning()
    {
        var main = Write("main.conf", "include \"local.conf\"\na = 1");
        var document = Load(main);
        Assert.Equal("""{"a":1}""", document.Root.Json());
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(1, warning.Origin.Line);
        Assert.Contains("local.conf", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_include_cycle_is_reported()
    {
        Write("a.conf", "include \"b.conf\"");
        Write("b.conf", "include \"a.conf\"");
        var error = Assert.Throws<HoconException>(() => Load(Path.Combine(_directory, "a.conf")));
        Assert.Contains("cycle", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_in_an_included_file_names_that_file()
    {
        Write("bad.conf", "ok = 1\nbroken = [1, 2");
        var main = Write("main.conf", "include \"bad.conf\"");
        var error = Assert.Throws<HoconException>(() => Load(main));
        Assert.EndsWith("bad.conf", error.Origin.Source, StringComparison.Ordinal);
        Assert.Equal(2, error.Origin.Line);
    }

    [Fact]
    public void A_missing_top_level_file_fails_naming_it()
    {
        var error = Assert.Throws<HoconException>(() => Load(Path.Combine(_directory, "absent.conf")));
        Assert.Contains("absent.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_and_classpath_includes_are_rejected_clearly()
    {
        var main = Write("main.conf", "include url(\"http://example.com/x.conf\")");
        var error = Assert.Throws<HoconException>(() => Load(main));
        Assert.Contains("not supported", error.Problem, StringComparison.Ordinal);
    }
}
