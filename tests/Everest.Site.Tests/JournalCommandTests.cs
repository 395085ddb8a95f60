using System.Collections;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Everest.Site.Cli;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Tests.Hosting;

namespace Everest.Site.Tests;

/// <summary><c>everest-site journal events</c> against a journal the controller wrote.</summary>
public sealed class JournalCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await EverestSiteCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Prints_an_evse_history_as_stored_in_text_and_as_json()
    {
        using var config = new TempConfig("");
        var database = Path.Combine(config.Directory, "journal.db");
        File.WriteAllText(config.Path, TwoEvseSite.Hocon("provider = memory, client-id = \"journal-test\"", $"provider = sqlite, sqlite.path = \"{database}\""));
        var uuid = Guid.NewGuid().ToString();
        await WriteOneSessionAsync(config.Path, uuid);

        var text = await Run("journal", "events", "--persistence-id", $"evse-{TwoEvseSite.FirstEvse}", "--config", config.Path);
        var json = await Run("journal", "events", "--persistence-id", $"evse-{TwoEvseSite.FirstEvse}", "--config", config.Path, "--json");

        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Matches($@"^\s+1\s+\d{{4}}-\d\d-\d\dT[\d:.]+Z\s+evse\.session-started\.v1\s+\{{.*""SessionUuid"":""{uuid}""", text.Output.Split(Environment.NewLine)[0]);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var first = document.RootElement[0];
        Assert.Equal(1, first.GetProperty("sequenceNr").GetInt64());
        Assert.Equal("evse.session-started.v1", first.GetProperty("manifest").GetString());
        Assert.Equal(uuid, first.GetProperty("event").GetProperty("SessionUuid").GetString());
    }

    [Fact]
    public async Task Without_a_config_it_reads_the_demos_journal_under_data_in_the_working_directory()
    {
        using var config = new TempConfig("");
        var database = Path.Combine(config.Directory, "data", "everest-site.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        File.WriteAllText(config.Path, TwoEvseSite.Hocon("provider = memory, client-id = \"journal-test\"", $"provider = sqlite, sqlite.path = \"{database}\""));
        var uuid = Guid.NewGuid().ToString();
        await WriteOneSessionAsync(config.Path, uuid);

        // As a user does after 'everest-site demo', in the folder the demo ran in.
        await using var app = AppProcess.Start(config.Directory, "journal", "events", "--persistence-id", $"evse-{TwoEvseSite.FirstEvse}");
        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
        Assert.Contains(uuid, app.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_without_events_prints_nothing_and_says_so_on_stderr()
    {
        using var config = new TempConfig("");
        var database = Path.Combine(config.Directory, "journal.db");
        File.WriteAllText(config.Path, TwoEvseSite.Hocon("provider = memory, client-id = \"journal-test\"", $"provider = sqlite, sqlite.path = \"{database}\""));
        await WriteOneSessionAsync(config.Path, Guid.NewGuid().ToString());

        var (exitCode, output, error) = await Run("journal", "events", "--persistence-id", "evse-nobody", "--config", config.Path);

        Assert.Equal(0, exitCode);
        Assert.Equal("", output);
        Assert.Contains("no events stored under persistence id 'evse-nobody'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_sqlite_file_is_an_error_and_is_not_created()
    {
        using var config = new TempConfig("");
        var database = Path.Combine(config.Directory, "absent.db");
        File.WriteAllText(config.Path, TwoEvseSite.Hocon("provider = memory, client-id = \"journal-test\"", $"provider = sqlite, sqlite.path = \"{database}\""));

        var (exitCode, _, error) = await Run("journal", "events", "--persistence-id", "site", "--config", config.Path);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains($"no journal at {database}", error, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task A_journal_in_memory_cannot_be_read_from_another_process()
    {
        using var config = new TempConfig(TwoEvseSite.Hocon("provider = memory, client-id = \"journal-test\"", "provider = memory"));

        var (exitCode, _, error) = await Run("journal", "events", "--persistence-id", "site", "--config", config.Path);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("provider = memory", error, StringComparison.Ordinal);
    }

    /// <summary>Runs the controller on the file's journal until EVSE t-1-1 has stored one SessionStarted.</summary>
    private static async Task WriteOneSessionAsync(string file, string uuid)
    {
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file, environment: new Hashtable()));
        var broker = new InMemoryBroker();
        await using var everest = broker.CreateClient("fake-everest");
        await using var controller = broker.CreateClient("controller");
        await everest.ConnectAsync();
        var site = await InProcessSite.StartAsync(options, controller);
        try
        {
            var body = EverestJson.Encode(new SessionEvent(
                uuid,
                SessionEventType.SessionStarted,
                DateTimeOffset.UtcNow,
                ConnectorId: 1,
                SessionStarted: new SessionStarted(StartSessionReason.EVConnected, new Powermeter(DateTimeOffset.UtcNow, new PhaseValues(Total: 1234)))));
            await everest.PublishAsync(new MqttMessage(EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, TwoEvseSite.FirstModule, "session_event").ToString(), body, MqttQos.AtLeastOnce));
            using var deadline = new CancellationTokenSource(Patience);
            while ((await site.SnapshotAsync(TwoEvseSite.FirstEvse)).LastSequenceNr < 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
        }
        finally
        {
            await site.StopAsync();
            await site.DisposeAsync();
        }
    }
}
