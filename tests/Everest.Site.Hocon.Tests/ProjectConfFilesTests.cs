using Everest.Site.Hocon.Output;

namespace Everest.Site.Hocon.Tests;

/// <summary>The project's own configuration files read, and survive being written back out as JSON and as HOCON.</summary>
public sealed class ProjectConfFilesTests
{
    public static TheoryData<string> Files => ["reference.conf", "site.conf", "demo.conf"];

    private static HoconObject LoadOverReference(string file)
    {
        var loader = new HoconLoader(_ => null).AddFile(Path.Combine(RepositoryFiles.HoconDirectory, "reference.conf"));
        if (file != "reference.conf")
        {
            loader.AddFile(Path.Combine(RepositoryFiles.HoconDirectory, file));
        }

        var document = loader.Load();
        Assert.Empty(document.Warnings);
        return document.Root;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_file_round_trips_through_json(string file)
    {
        var tree = LoadOverReference(file);
        var json = HoconJsonWriter.ToJson(tree);
        Assert.Equal(tree.Json(), Hocon.Parse(json).Json());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_file_round_trips_through_hocon_text(string file)
    {
        var tree = LoadOverReference(file);
        var text = HoconTextWriter.ToHocon(tree, withOrigins: true);
        Assert.Equal(tree.Json(), Hocon.Parse(text).Json());
    }

    [Fact]
    public void Each_file_reads_alone_without_the_defaults_too()
    {
        foreach (var file in Files)
        {
            var root = HoconLoader.ParseFile(Path.Combine(RepositoryFiles.HoconDirectory, file), _ => null);
            Assert.True(root.TryGetValue("everest-site", out _), $"{file} has no everest-site section");
        }
    }

    [Fact]
    public void The_example_site_resolves_its_templates_and_keeps_per_evse_overrides()
    {
        var root = LoadOverReference("site.conf");
        var evses = ((HoconArray)root.At("everest-site.chargers")).Items
            .SelectMany(c => ((HoconArray)((HoconObject)c)["evses"]).Items)
            .Cast<HoconObject>()
            .ToList();
        Assert.Equal(6, evses.Count);
        Assert.All(evses, e => Assert.True(e.TryGetValue("phase-rotation", out _)));
        Assert.Equal("L2L3L1", ((HoconScalar)evses[1]["phase-rotation"]).Text);
        Assert.Equal("10", ((HoconScalar)evses[4]["priority"]).Text);
        Assert.Equal("everest-site-depot-1", root.Text("everest-site.mqtt.client-id"));
    }

    [Fact]
    public void Environment_substitutions_in_the_example_site_apply_when_set()
    {
        var root = new HoconLoader(name => name == "EVEREST_SITE_MQTT_HOST" ? "broker.example" : null)
            .AddFile(Path.Combine(RepositoryFiles.HoconDirectory, "reference.conf"))
            .AddFile(Path.Combine(RepositoryFiles.HoconDirectory, "site.conf"))
            .Load().Root;
        Assert.Equal("broker.example", root.Text("everest-site.mqtt.host"));
        Assert.False(root.TryGetPath("everest-site.mqtt.username", out _));
    }
}
