using System.Collections;
using System.Diagnostics;
using Everest.Site.Configuration;
using YamlDotNet.RepresentationModel;

namespace Everest.Site.Tests;

/// <summary>docker-compose.yml, deploy/mosquitto.conf and the Dockerfile: valid, and saying what the stack needs.</summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Root = Directory.GetParent(RepositoryFiles.HoconDirectory)!.FullName;

    [Fact]
    public async Task Docker_compose_accepts_the_compose_file()
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", Path.Combine(Root, "docker-compose.yml"), "config", "-q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(process.ExitCode == 0, $"docker-compose config -q exited {process.ExitCode}: {await errors}");
    }

    [Fact]
    public void The_stack_is_mosquitto_postgresql_the_controller_running_site_conf_and_the_simulator()
    {
        var services = (YamlMappingNode)Compose()["services"];
        Assert.Equal(["controller", "mosquitto", "postgres", "simulator"], services.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));

        var mosquitto = (YamlMappingNode)services["mosquitto"];
        Assert.StartsWith("eclipse-mosquitto:2", mosquitto["image"].ToString(), StringComparison.Ordinal);
        Assert.Contains(Sequence(mosquitto, "volumes"), v => v.StartsWith("./deploy/mosquitto.conf:/mosquitto/config/mosquitto.conf", StringComparison.Ordinal));
        Assert.Contains(Sequence(mosquitto, "volumes"), v => v.EndsWith(":/mosquitto/data", StringComparison.Ordinal));
        Assert.StartsWith("postgres:15", ((YamlMappingNode)services["postgres"])["image"].ToString(), StringComparison.Ordinal);

        var controller = (YamlMappingNode)services["controller"];
        Assert.Equal(["run", "--config", "/etc/everest-site/site.conf"], Sequence(controller, "command"));
        var environment = (YamlMappingNode)controller["environment"];
        Assert.Equal("mosquitto", environment["EVEREST_SITE_MQTT_HOST"].ToString());
        Assert.Equal("postgresql", environment["EVERESTSITE_everest-site__persistence__provider"].ToString());
        Assert.StartsWith("Host=postgres;", environment["EVEREST_SITE_PG"].ToString(), StringComparison.Ordinal);
        Assert.All(Sequence(controller, "ports"), p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));

        var simulator = (YamlMappingNode)services["simulator"];
        Assert.Equal(["simulate", "--config", "/etc/everest-site/site.conf", "--broker", "mosquitto:1883"], Sequence(simulator, "command").Take(5));
        Assert.Equal(controller["image"].ToString(), simulator["image"].ToString());
    }

    [Fact]
    public void Site_conf_with_the_compose_environment_is_a_valid_configuration_on_postgresql_and_the_compose_broker()
    {
        var controller = (YamlMappingNode)((YamlMappingNode)Compose()["services"])["controller"];
        var environment = new Hashtable();
        foreach (var (key, value) in ((YamlMappingNode)controller["environment"]).Children)
        {
            // docker-compose substitutes ${VAR:-default}; the defaults are what a try-out gets.
            environment[key.ToString()] = System.Text.RegularExpressions.Regex.Replace(value.ToString(), @"\$\{\w+:-([^}]*)\}", "$1");
        }

        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(RepositoryFiles.Hocon("site.conf"), environment: environment));

        Assert.Equal("mosquitto", options.Mqtt.Host);
        Assert.Equal(PersistenceProvider.Postgresql, options.Persistence.Provider);
        Assert.Contains("Host=postgres", options.Persistence.Postgresql.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Mosquitto_keeps_sessions_across_restarts_and_queues_qos0_for_absent_clients()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "deploy", "mosquitto.conf")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Contains("persistence true", lines);
        Assert.Contains("queue_qos0_messages true", lines);
        Assert.Contains("listener 1883", lines);
        Assert.Contains(lines, l => l.StartsWith("persistence_location ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_is_built_in_two_stages_and_runs_as_a_user_without_a_native_mqtt_library()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "Dockerfile")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var stages = lines.Select((line, index) => (line, index)).Where(x => x.line.StartsWith("FROM ", StringComparison.Ordinal)).Select(x => x.index).ToList();

        Assert.Equal(2, stages.Count);
        var runtime = lines[stages[^1]..];
        Assert.Contains("USER app", runtime);
        Assert.DoesNotContain(runtime, l => l.StartsWith("USER root", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("libmosquitto", StringComparison.Ordinal));
        Assert.Contains("COPY --from=build /out /opt/everest-site", runtime);
    }

    [Fact]
    public void The_systemd_unit_runs_the_site_file_as_its_own_user_stops_with_sigterm_and_does_not_restart_a_bad_configuration()
    {
        var settings = File.ReadAllLines(Path.Combine(Root, "deploy", "everest-site.service"))
            .Select(l => l.Trim())
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToLookup(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

        Assert.Equal(["/opt/everest-site/everest-site run --config /etc/everest-site/site.conf"], settings["ExecStart"]);
        Assert.Equal(["everest-site"], settings["User"]);
        Assert.Equal(["/var/lib/everest-site"], settings["WorkingDirectory"]);
        Assert.Equal(["SIGTERM"], settings["KillSignal"]);
        Assert.Equal(["on-failure"], settings["Restart"]);
        Assert.Equal(["2"], settings["RestartPreventExitStatus"]);
        Assert.Equal(["-/etc/everest-site/everest-site.env"], settings["EnvironmentFile"]);
    }

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node[key]).Children.Select(c => c.ToString())];
}
