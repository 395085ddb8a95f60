using Everest.Site.Hocon.Configuration;
using Everest.Site.Hocon.Conversion;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Hocon.Tests;

public sealed class ConfigurationProviderTests
{
    private static (IConfigurationRoot Root, HoconConfigurationProvider Provider) Load(string text, Action<IConfigurationBuilder>? more = null)
    {
        var builder = new ConfigurationBuilder().AddHocon(source =>
        {
            source.Layers.Add(HoconConfigurationLayer.FromText(text, "site.conf"));
            source.Environment = _ => null;
        });
        more?.Invoke(builder);
        var root = builder.Build();
        return (root, root.Providers.OfType<HoconConfigurationProvider>().Single());
    }

    [Fact]
    public void Keys_keep_their_hocon_spelling_joined_with_colons_and_arrays_use_indexes()
    {
        var (root, _) = Load("""
            everest-site {
              grid { max-current-a = 125, use-csms-schedules = false }
              chargers = [ { id = cp-1, evses = [ { id = cp-1-1 } ] }, { id = cp-2 } ]
              "dotted.key" = x
            }
            """);

        Assert.Equal("125", root["everest-site:grid:max-current-a"]);
        Assert.Equal("false", root["everest-site:grid:use-csms-schedules"]);
        Assert.Equal("cp-1-1", root["everest-site:chargers:0:evses:0:id"]);
        Assert.Equal("cp-2", root["everest-site:chargers:1:id"]);
        Assert.Equal("x", root["everest-site:dotted.key"]);
        Assert.Equal("125", root["EVEREST-SITE:GRID:MAX-CURRENT-A"]);
    }

    [Fact]
    public void Null_and_empty_objects_or_arrays_are_present_keys_with_null_values()
    {
        var (_, provider) = Load("a = null\nb = {}\nc = []\nd = \"\"");
        Assert.True(provider.TryGet("a", out var a));
        Assert.Null(a);
        Assert.True(provider.TryGet("b", out var b));
        Assert.Null(b);
        Assert.True(provider.TryGet("c", out var c));
        Assert.Null(c);
        Assert.True(provider.TryGet("d", out var d));
        Assert.Equal("", d);
    }

    [Fact]
    public void Numbers_keep_their_written_text()
    {
        var (root, _) = Load("price = 0.390\nbig = 1e3");
        Assert.Equal("0.390", root["price"]);
        Assert.Equal("1e3", root["big"]);
    }

    [Fact]
    public void The_provider_remembers_where_each_key_was_written_including_objects_and_array_elements()
    {
        var (_, provider) = Load("a {\n  b = 1\n  list = [\n    x\n  ]\n}");
        Assert.True(provider.TryGetOrigin("a:b", out var origin));
        Assert.Equal("site.conf:2:7", origin.ToString());
        Assert.True(provider.TryGetOrigin("A:LIST:0", out var element));
        Assert.Equal(4, element.Line);
        Assert.True(provider.TryGetOrigin("a", out var obj));
        Assert.Equal(1, obj.Line);
        Assert.False(provider.TryGetOrigin("a:missing", out _));
    }

    [Fact]
    public void A_later_configuration_source_overrides_hocon_values()
    {
        var (root, _) = Load("grid.max-current-a = 125", b => b.AddInMemoryCollection(new Dictionary<string, string?> { ["grid:max-current-a"] = "80" }));
        Assert.Equal("80", root["grid:max-current-a"]);
    }

    [Fact]
    public void A_hocon_error_surfaces_from_build_with_its_position()
    {
        var error = Assert.Throws<HoconException>(() => Load("a = [1,\n"));
        Assert.Equal(("site.conf", 2, 1), (error.Origin.Source, error.Origin.Line, error.Origin.Column));
    }

    [Fact]
    public void Layers_resolve_as_one_document()
    {
        var root = new ConfigurationBuilder().AddHocon(source =>
        {
            source.Layers.Add(HoconConfigurationLayer.FromText("s { name = x, greeting = hi ${s.name} }", "reference.conf"));
            source.Layers.Add(HoconConfigurationLayer.FromText("s.name = depot", "site.conf"));
            source.Environment = _ => null;
        }).Build();
        Assert.Equal("hi depot", root["s:greeting"]);
    }

    [Fact]
    public void Add_hocon_file_reads_a_file_and_an_optional_missing_file_is_skipped_with_a_warning()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("hocon-provider-").FullName, "site.conf");
        File.WriteAllText(path, "a = 1");
        try
        {
            Assert.Equal("1", new ConfigurationBuilder().AddHoconFile(path).Build()["a"]);
            var missing = new ConfigurationBuilder().AddHoconFile(path + ".absent", optional: true).Build();
            var provider = missing.Providers.OfType<HoconConfigurationProvider>().Single();
            Assert.Single(provider.Document!.Warnings);
            Assert.Throws<HoconException>(() => new ConfigurationBuilder().AddHoconFile(path + ".absent").Build());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private sealed class Timings
    {
        [ConfigurationKeyName("keep-alive")]
        public TimeSpan KeepAlive { get; set; }

        public TimeSpan Classic { get; set; }

        [ConfigurationKeyName("max-size")]
        public ByteSize MaxSize { get; set; }

        public string? Name { get; set; } = "default";

        public int Count { get; set; } = 7;
    }

    [Fact]
    public void The_stock_binder_reads_hocon_durations_and_sizes_once_the_converters_are_registered()
    {
        HoconTypeConverters.Register();
        var (root, _) = Load("keep-alive = 30s\nclassic = \"00:00:05\"\nmax-size = 10MiB\nname = null\ncount = null");
        var bound = root.Get<Timings>()!;
        Assert.Equal(TimeSpan.FromSeconds(30), bound.KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(5), bound.Classic);
        Assert.Equal(10L * 1024 * 1024, bound.MaxSize.Bytes);

        // The stock binder turns null into the type's default: null for references and nullables, 0 for an int.
        Assert.Null(bound.Name);
        Assert.Equal(0, bound.Count);
    }

    [Fact]
    public void A_value_that_is_not_a_duration_fails_binding_naming_the_key()
    {
        HoconTypeConverters.Register();
        var (root, _) = Load("keep-alive = soon");
        var error = Assert.Throws<InvalidOperationException>(() => root.Get<Timings>());
        Assert.Contains("keep-alive", error.Message, StringComparison.Ordinal);
    }
}
