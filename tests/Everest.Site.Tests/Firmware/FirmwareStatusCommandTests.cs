using System.Collections;
using System.CommandLine;
using Akka.Actor;
using Akka.Persistence;
using Everest.Site.Cli;
using Everest.Site.Configuration;
using Everest.Site.Firmware;
using Everest.Site.Firmware.RolloutEvents;
using Everest.Site.Persistence;
using Everest.Site.Tests.Hosting;

namespace Everest.Site.Tests.Firmware;

/// <summary><c>everest-site firmware status</c> prints the rollout as its journal (a real SQLite file) tells it.</summary>
public sealed class FirmwareStatusCommandTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 17, 0, 0, TimeSpan.Zero);

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await EverestSiteCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Prints_the_last_rollout_with_its_canary_its_installing_charger_and_its_halt()
    {
        using var config = new TempConfig("");
        File.WriteAllText(config.Path, TwoEvseSite.Hocon("provider = memory, client-id = \"firmware-status-test\"", $"provider = sqlite, sqlite.path = \"{Path.Combine(config.Directory, "journal.db")}\""));
        await StoreAsync(
            config.Path,
            new FirmwareRolloutBegun("rollout-a", null, [], 1, 0, true, TimeSpan.FromMinutes(15), At),
            new FirmwareRolloutChargerGranted("rollout-a", "cp-1", 1, true, At),
            new FirmwareRolloutChargerEnded("rollout-a", "cp-1", 1, RolloutChargerOutcome.Installed, null, At),
            new FirmwareRolloutClosed("rollout-a", At),
            new FirmwareRolloutBegun("rollout-b", "https://fw.example/v3.bin", [new RolloutChargerRequest("cp-2", 7), new RolloutChargerRequest("cp-3", 8)], 1, 0, true, TimeSpan.FromMinutes(15), At),
            new FirmwareRolloutChargerGranted("rollout-b", "cp-2", 7, true, At),
            new FirmwareRolloutChargerEnded("rollout-b", "cp-2", 7, RolloutChargerOutcome.Installed, null, At),
            new FirmwareRolloutChargerGranted("rollout-b", "cp-3", 8, false, At),
            new FirmwareRolloutHalted("rollout-b", "charger cp-3 was not back within 00:15:00", At));

        var (exitCode, output, error) = await Run("firmware", "status", "--config", config.Path);

        Assert.True(exitCode == 0, error);
        Assert.Contains("rollout rollout-b (running): canary cp-2 (back), installing [cp-3], done [cp-2], halted: charger cp-3 was not back within 00:15:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_so_when_there_never_was_a_rollout()
    {
        using var config = new TempConfig("");
        File.WriteAllText(config.Path, TwoEvseSite.Hocon("provider = memory, client-id = \"firmware-status-test\"", $"provider = sqlite, sqlite.path = \"{Path.Combine(config.Directory, "journal.db")}\""));
        await StoreAsync(config.Path);

        var (exitCode, output, error) = await Run("firmware", "status", "--config", config.Path);

        Assert.True(exitCode == 0, error);
        Assert.Contains("rollout: none", output, StringComparison.Ordinal);
    }

    /// <summary>Stores <paramref name="events"/> under the rollout's persistence id, through the serializer the site binds.</summary>
    private static async Task StoreAsync(string file, params IRolloutEvent[] events)
    {
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file, environment: new Hashtable()));
        var system = ActorSystem.Create("firmware-status-writer", SitePersistenceConfig.ActorSystemSetup(options.Persistence));
        try
        {
            var writer = system.ActorOf(Props.Create(() => new RolloutWriter()));
            await writer.Ask<Akka.Done>(events, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await system.Terminate();
        }
    }

    private sealed class RolloutWriter : ReceivePersistentActor
    {
        public RolloutWriter()
        {
            Command<IRolloutEvent[]>(events =>
            {
                var replyTo = Sender;
                if (events.Length == 0)
                {
                    // Still write the database, so the command finds a journal with nothing under this id.
                    Persist(new FirmwareRolloutClosed("never-begun", At), _ => replyTo.Tell(Akka.Done.Instance));
                    return;
                }

                PersistAll(events, e =>
                {
                    if (ReferenceEquals(e, events[^1]))
                    {
                        replyTo.Tell(Akka.Done.Instance);
                    }
                });
            });
        }

        public override string PersistenceId => FirmwareRolloutActor.RolloutPersistenceId;
    }
}
