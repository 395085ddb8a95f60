using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Tests.Hosting;

/// <summary><c>everest-site run</c> as a real process against a real mosquitto, with SQLite in a temporary folder.</summary>
public sealed class RunCommandProcessTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_says_it_is_running_on_stdout_and_exits_0_on_sigterm()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var site = new TempConfig(TwoEvseSite.Hocon(
            $"provider = mosquitto, host = \"{broker.Host}\", port = {broker.Port}, client-id = \"run-test-{Guid.NewGuid():N}\"",
            "provider = sqlite, sqlite.path = \"data/site.db\""));
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path);

        var line = await app.WaitForLineAsync("everest-site running:", StartPatience);
        await app.TerminateAsync();
        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.Equal("everest-site running: 2 EVSEs", line);
        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
        Assert.True(app.StandardOutput == "everest-site running: 2 EVSEs\n", $"stdout carries only the running line; it was:{Environment.NewLine}{app.StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{app.StandardError}");
        Assert.True(File.Exists(Path.Combine(site.Directory, "data", "site.db")), "the journal is created relative to the working directory");
        Assert.Contains("Site stopped", app.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_ends_the_communication_check_on_every_instance_then_stops_the_site_closes_the_journal_and_exits_0()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var site = new TempConfig(TwoEvseSite.Hocon(
            $"provider = mosquitto, host = \"{broker.Host}\", port = {broker.Port}, client-id = \"run-test-{Guid.NewGuid():N}\"",
            "provider = sqlite, sqlite.path = \"data/site.db\""));
        await using var everest = new MqttNetTransport(new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = $"everest-{Guid.NewGuid():N}" });
        using var checks = new MessageRecorder(everest);
        await everest.ConnectAsync();
        await everest.SubscribeAsync("everest_api/1/+/+/m2e/communication_check");
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path);
        await app.WaitForLineAsync("everest-site running:", StartPatience);
        await checks.WaitUntilAsync(m => TwoEvseSite.CommunicationCheckTopics.All(t => m.Any(x => x.Topic == t && MessageRecorder.Text(x) == "true")), "the communication check on every instance", StartPatience);

        await app.InterruptAsync();
        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
        await checks.WaitUntilAsync(
            m => TwoEvseSite.CommunicationCheckTopics.All(t => m.Any(x => x.Topic == t && MessageRecorder.Text(x) == "false")),
            "communication_check false on every instance",
            ExitPatience);
        var log = app.StandardError;
        var farewell = log.IndexOf("communication check false on every API instance", StringComparison.Ordinal);
        var stopped = log.IndexOf("Site stopped", StringComparison.Ordinal);
        Assert.True(farewell >= 0 && stopped > farewell, $"the communication check ends before the site has stopped; stderr:{Environment.NewLine}{log}");

        // SQLite in WAL mode moves the log into the database file when its last connection closes: a -wal file left
        // behind would mean the journal was not closed (as after a SIGKILL).
        var journal = Path.Combine(site.Directory, "data", "site.db");
        Assert.True(File.Exists(journal), "the journal exists");
        Assert.False(File.Exists(journal + "-wal"), $"the journal was closed: no write-ahead log is left beside it; stderr:{Environment.NewLine}{log}");
    }

    [Fact]
    public async Task Run_says_it_waits_for_the_broker_of_the_command_line_until_it_can_connect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await broker.StopAsync();

        // The file names a broker that is not there; --broker names the one the test starts later.
        using var site = new TempConfig(TwoEvseSite.Hocon(
            $"provider = mosquitto, host = \"{broker.Host}\", port = 1, client-id = \"run-test-{Guid.NewGuid():N}\", reconnect {{ min-delay = 100ms, max-delay = 500ms }}",
            "provider = memory"));
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path, "--broker", $"{broker.Host}:{broker.Port}");

        var waiting = await app.WaitForLineAsync("everest-site waiting for broker", StartPatience);
        Assert.DoesNotContain("everest-site running:", app.StandardOutput, StringComparison.Ordinal);
        await broker.RestartAsync();
        var running = await app.WaitForLineAsync("everest-site running:", StartPatience);
        await app.TerminateAsync();
        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.Equal($"everest-site waiting for broker {broker.Host}:{broker.Port}", waiting);
        Assert.Equal("everest-site running: 2 EVSEs", running);
        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
    }

    [Theory]
    [InlineData("no-port-here")]
    [InlineData("127.0.0.1:70000")]
    [InlineData(":1883")]
    public async Task Run_with_a_bad_broker_address_exits_2(string value)
    {
        using var site = new TempConfig(TwoEvseSite.Hocon("provider = mosquitto", "provider = memory"));
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path, "--broker", value);

        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.Equal(2, exitCode);
        Assert.Contains($"--broker '{value}'", app.StandardError, StringComparison.Ordinal);
        Assert.Equal("", app.StandardOutput);
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_exits_2()
    {
        using var site = new TempConfig(TwoEvseSite.Hocon("provider = mosquitto", "provider = memory"));
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path, "--no-such-option");

        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.Equal(2, exitCode);
        Assert.Contains("--no-such-option", app.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_exits_1_when_the_broker_refuses_the_credentials()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Users = new Dictionary<string, string> { ["site"] = "right" } });
        using var site = new TempConfig(TwoEvseSite.Hocon(
            $"provider = mosquitto, host = \"{broker.Host}\", port = {broker.Port}, username = site, password = wrong",
            "provider = memory"));
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path);

        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.True(exitCode == 1, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
        Assert.Contains($"cannot use the MQTT broker {broker.Host}:{broker.Port}", app.StandardError, StringComparison.Ordinal);
        Assert.Equal("", app.StandardOutput);
    }

    [Fact]
    public async Task Run_with_a_bad_value_exits_2_naming_the_key_and_the_file()
    {
        using var site = new TempConfig(TwoEvseSite.Hocon("provider = mosquitto, port = \"not-a-port\"", "provider = memory"));
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path);

        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.Equal(2, exitCode);
        Assert.Contains("everest-site:mqtt:port", app.StandardError, StringComparison.Ordinal);
        Assert.Contains("site.conf:", app.StandardError, StringComparison.Ordinal);
        Assert.Equal("", app.StandardOutput);
    }

    [Fact]
    public async Task Run_refuses_the_in_memory_broker_with_exit_2()
    {
        using var site = new TempConfig(TwoEvseSite.Hocon("provider = memory", "provider = memory"));
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path);

        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.Equal(2, exitCode);
        Assert.Contains("mqtt.provider = memory", app.StandardError, StringComparison.Ordinal);
    }
}
