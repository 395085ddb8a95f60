using System.Globalization;
using System.Text;
using Everest.Site.Configuration;
using Everest.Site.IntegrationTests.Support;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Scenarios.Support;
using Everest.Site.Simulator.Evse;
using Everest.Site.Simulator.GroundTruth;
using Everest.Site.Simulator.Site;
using Everest.Site.Simulator.Time;
using Everest.Site.Testing.Mosquitto;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using SimulatorOptions = Everest.Site.Simulator.Site.SimulatorOptions;

namespace Everest.Site.IntegrationTests;

/// <summary>
/// The acceptance test of the EVSE actors' crash safety: 20 simulated EVSEs through a real mosquitto, the
/// controller as a real process journaling through Akka.Persistence.Sql into SQLite or PostgreSQL, killed with
/// SIGKILL twice while cars charge, and its journal compared with the simulator's ground truth afterwards.
/// </summary>
public sealed class EvseCrashRecoveryTests(ITestOutputHelper output)
{
    /// <summary>One real second is one simulated minute: the plan's 71 simulated minutes take about 71 s.</summary>
    private const double TimeScale = 60;
    private const int EvseCount = 20;
    private const int Kills = 2;

    /// <summary>How many EVSEs must be charging (with their TransactionStarted stored) when the controller is killed.</summary>
    private const int ChargingAtKill = 6;

    /// <summary>Polls (100 ms apart) in which no EVSE stream may grow before a kill: the controller has stored what it received.</summary>
    private const int QuietPolls = 5;

    private static readonly TimeSpan ControllerStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_the_controller_twice_while_charging_loses_no_session_energy_or_sequence_number_on_sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("everest-site-crash-").FullName;
        try
        {
            await RunAsync(folder, $"provider = sqlite, sqlite.path = \"{Path.Combine(folder, "data", "site.db")}\"");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Killing_the_controller_twice_while_charging_loses_no_session_energy_or_sequence_number_on_postgresql()
    {
        var folder = Directory.CreateTempSubdirectory("everest-site-crash-").FullName;
        try
        {
            await using var database = await PostgreSqlDatabase.CreateAsync();
            await RunAsync(folder, $"provider = postgresql, postgresql.connection-string = \"{database.ConnectionString}\"");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <param name="persistence">The controller's <c>persistence { … }</c> section.</param>
    private async Task RunAsync(string folder, string persistence)
    {
        await using var broker = await StartMosquittoAsync();
        // EVerest's publications thinned out, so that the broker and the controller see a few per real second per
        // EVSE instead of sixty.
        var site = SimulatorOptions.ForEvses(EvseCount, seed: 11).WithThinnedPublications() with
        {
            // The controller checks every 2 real seconds (2 simulated minutes); only a much longer silence is a fault.
            CommunicationCheckTimeout = TimeSpan.FromMinutes(30),
        };
        var evseIds = site.Chargers.SelectMany(c => c.Evses).Select(e => e.Id).ToList();
        var evseIdByModule = site.Chargers.SelectMany(c => c.Evses).ToDictionary(e => e.ModuleId, e => e.Id, StringComparer.Ordinal);
        var config = SiteConfigFile.Write(folder, site, broker.Host, broker.Port, "everest-site-crash-test", persistence);

        // Where the charging happened, as OCPI CDRs must say (the billing check exports them).
        await File.AppendAllTextAsync(config, "\neverest-site.billing.location { name = \"Crash Test Depot\", address = \"Hauptstrasse 1\", city = Berlin, postal-code = \"10115\", country = DEU, latitude = \"52.520008\", longitude = \"13.404954\" }\n");

        // The test reads the journal with the controller's own persistence settings, from the same file.
        var journalSettings = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(config)).Persistence;

        // The controller first: its persistent session must exist before EVerest publishes anything it has to receive.
        var controller = await ControllerProcess.StartAsync(config, folder, EvseCount, ControllerStartTimeout);
        var stderrOfEarlierRuns = new StringBuilder();
        try
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new XunitLoggerProvider(output, LogLevel.Warning)));
            await using var simulatorTransport = new MqttNetTransport(
                new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = "everest-site-crash-test-simulator", CleanSession = true },
                loggerFactory);
            await simulatorTransport.ConnectAsync();
            var start = DateTimeOffset.UtcNow;
            var time = new ScaledTimeProvider(TimeScale, start);
            await using var simulator = new SiteSimulator(site, simulatorTransport, time, loggerFactory: loggerFactory);
            await simulator.StartAsync();
            var plan = ChargingPlan.For(site, start);
            foreach (var session in plan)
            {
                await simulator.ScheduleArrivalAsync(session);
            }

            using var stopSimulator = new CancellationTokenSource();
            var simulating = simulator.RunAsync(TimeSpan.FromSeconds(5), stopSimulator.Token);

            await using (var journal = EvseJournal.Open(journalSettings))
            {
                for (var kill = 1; kill <= Kills; kill++)
                {
                    // Mid-round: cars are charging, others are still arriving and the first are about to leave.
                    var notBefore = start + TimeSpan.FromMinutes(12) + (ChargingPlan.RoundLength * (kill - 1));
                    var charging = await WaitUntilChargingIsJournaledAsync(simulator, time, journal, evseIds, notBefore, controller);
                    DateTimeOffset killedAt;
                    await using (await simulator.HoldAsync())
                    {
                        await WaitUntilControllerHasStoredEverythingAsync(simulator, journal, evseIds, controller);
                        killedAt = time.GetUtcNow();
                        await controller.KillAsync();
                    }

                    stderrOfEarlierRuns.AppendLine(CultureInfo.InvariantCulture, $"--- run {kill} (killed) ---").AppendLine(controller.StderrTail);
                    await controller.DisposeAsync();

                    // EVerest goes on without the controller: wait until a transaction has started and one has ended
                    // meanwhile, so the restart has both to catch up on.
                    await Eventually.HoldsAsync(
                        () => simulator.GroundTruth.Sessions.Any(s => s.TransactionStartedAt > killedAt)
                            && simulator.GroundTruth.Sessions.Any(s => s.TransactionFinishedAt > killedAt),
                        TimeSpan.FromSeconds(30),
                        () => $"a transaction to start and one to end while the controller is down (kill {kill})");
                    var restartedAt = time.GetUtcNow();
                    output.WriteLine(
                        $"kill {kill} at {killedAt - start:hh\\:mm\\:ss} simulated with {charging} EVSEs charging; restarted at {restartedAt - start:hh\\:mm\\:ss}; "
                        + $"meanwhile {simulator.GroundTruth.Sessions.Count(s => s.TransactionStartedAt > killedAt)} transactions started "
                        + $"and {simulator.GroundTruth.Sessions.Count(s => s.TransactionFinishedAt > killedAt)} ended");
                    controller = await ControllerProcess.StartAsync(config, folder, EvseCount, ControllerStartTimeout);
                }

                // Let every planned car come and go.
                await Eventually.HoldsAsync(
                    () => simulator.GroundTruth.Sessions is var sessions && sessions.Count == plan.Count && sessions.All(s => s.FinishedAt is not null),
                    TimeSpan.FromSeconds(150),
                    () => $"all {plan.Count} planned sessions to finish; {simulator.GroundTruth.Sessions.Count} started, "
                        + $"{simulator.GroundTruth.Sessions.Count(s => s.FinishedAt is not null)} finished, {simulator.GroundTruth.ArrivalsTurnedAway} cars turned away");

                // Give the controller time to store the last events; what is still missing is reported below in detail.
                var expected = simulator.GroundTruth.Sessions.Select(s => s.SessionUuid).ToHashSet(StringComparer.Ordinal);
                await WaitUntilAsync(async () => expected.IsSubsetOf(await journal.FinishedTransactionsAsync(evseIds)), TimeSpan.FromSeconds(20));
            }

            await stopSimulator.CancelAsync();
            await simulating;
            var exitCode = await controller.TerminateAsync(ShutdownTimeout);
            Assert.True(exitCode == 0, $"The controller exited with {exitCode} after SIGTERM, expected 0. Its stderr ends with:\n{controller.StderrTail}");

            await VerifyJournalAsync(journalSettings, evseIds, evseIdByModule, simulator.GroundTruth.Sessions, $"{stderrOfEarlierRuns}--- last run ---\n{controller.StderrTail}");
            await VerifyBillingAsync(config, evseIdByModule, simulator.GroundTruth.Sessions);
        }
        finally
        {
            await controller.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits until simulated time has passed <paramref name="notBefore"/> and at least <see cref="ChargingAtKill"/>
    /// EVSEs are charging whose TransactionStarted the controller has stored; returns how many are charging.
    /// </summary>
    private static async Task<int> WaitUntilChargingIsJournaledAsync(
        SiteSimulator simulator, TimeProvider time, EvseJournal journal, IReadOnlyList<string> evseIds, DateTimeOffset notBefore, ControllerProcess controller)
    {
        var charging = 0;
        var journaled = 0;
        await Eventually.HoldsAsync(
            async () =>
            {
                if (time.GetUtcNow() < notBefore)
                {
                    return false;
                }

                var sessions = await simulator.InspectAsync(s => s.Evses
                    .Where(e => e.Simulation.State == EvseState.Charging && e.Simulation.SessionUuid is not null)
                    .Select(e => e.Simulation.SessionUuid!)
                    .ToList());
                var stored = await journal.StartedTransactionsAsync(evseIds);
                charging = sessions.Count;
                journaled = sessions.Count(stored.Contains);
                return charging >= ChargingAtKill && journaled == charging;
            },
            TimeSpan.FromSeconds(60),
            () => $"{ChargingAtKill} EVSEs charging with their TransactionStarted stored by the controller; {charging} charging, {journaled} of them stored. "
                + $"The controller's stderr ends with:\n{controller.StderrTail}");
        return charging;
    }

    /// <summary>
    /// This test is about what EVerest reports while the controller is down, so it kills at a quiet moment: with the
    /// simulator held and the broker quiet, only once the controller has stored every transaction start and end
    /// EVerest reported and none of its streams has grown for <see cref="QuietPolls"/> polls in a row. Kills at
    /// random moments, with billable events in flight between the broker and the journal, are the reliability
    /// suite's (<c>Reliability/ReliabilitySuiteTests</c>).
    /// </summary>
    private static async Task WaitUntilControllerHasStoredEverythingAsync(
        SiteSimulator simulator, EvseJournal journal, IReadOnlyList<string> evseIds, ControllerProcess controller)
    {
        var truth = simulator.GroundTruth.Sessions;
        var starts = truth.Where(s => s.TransactionStartedAt is not null).Select(s => s.SessionUuid).ToHashSet(StringComparer.Ordinal);
        var ends = truth.Where(s => s.TransactionFinishedAt is not null).Select(s => s.SessionUuid).ToHashSet(StringComparer.Ordinal);
        IReadOnlyDictionary<string, long>? previousHeads = null;
        var quietPolls = 0;
        List<string> missing = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                var heads = await journal.HeadsAsync(evseIds);
                quietPolls = previousHeads is not null && heads.All(h => previousHeads[h.Key] == h.Value) ? quietPolls + 1 : 0;
                previousHeads = heads;
                var storedStarts = await journal.StartedTransactionsAsync(evseIds);
                var storedEnds = await journal.FinishedTransactionsAsync(evseIds);
                missing = [
                    .. truth.Where(s => starts.Contains(s.SessionUuid) && !storedStarts.Contains(s.SessionUuid))
                        .Select(s => $"TransactionStarted of {s.SessionUuid} on {s.EvseModuleId} at {s.TransactionStartedAt:HH:mm:ss}"),
                    .. truth.Where(s => ends.Contains(s.SessionUuid) && !storedEnds.Contains(s.SessionUuid))
                        .Select(s => $"TransactionFinished of {s.SessionUuid} on {s.EvseModuleId} at {s.TransactionFinishedAt:HH:mm:ss}"),
                ];
                return missing.Count == 0 && quietPolls >= QuietPolls;
            },
            TimeSpan.FromSeconds(30),
            () => $"the controller to store every transaction start and end EVerest reported so far and then nothing more ({quietPolls} quiet polls). "
                + $"Not stored ({missing.Count}, simulated times):\n{string.Join('\n', missing.Take(20))}\nThe controller's stderr ends with:\n{controller.StderrTail}");
    }

    /// <summary>
    /// Every EVSE stream is numbered 1..N without gaps, and every session of the ground truth has exactly one
    /// TransactionStarted and one TransactionFinished, in its own EVSE's stream, whose meter difference equals the
    /// simulator's exact energy within 1 Wh.
    /// </summary>
    private async Task VerifyJournalAsync(
        PersistenceOptions journalSettings, IReadOnlyList<string> evseIds, IReadOnlyDictionary<string, string> evseIdByModule, IReadOnlyList<SessionTruth> truth, string controllerStderr)
    {
        JournalTransactions journal;
        await using (var reader = EvseJournal.Open(journalSettings))
        {
            journal = await JournalTransactions.ReadAsync(reader, evseIds);
        }

        var problems = journal.Gaps.Concat(GroundTruthCheck.Compare("the journal", truth, journal.Transactions, evseIdByModule).Problems).ToList();
        output.WriteLine($"{truth.Count} sessions, {journal.Events} events in {evseIds.Count} EVSE streams, {journal.Reconciled} reconciled transaction events");
        Assert.True(
            problems.Count == 0,
            $"{problems.Count} problems in the journal:\n{string.Join('\n', problems.Take(40))}\n\nThe controller's stderr (tail of each run):\n{controllerStderr}");
    }

    /// <summary>
    /// The billing side of the same run: the controller's projection followed the journal across both kills, and
    /// <c>billing export</c> (after it catches up) gives every session of the ground truth exactly once, on its EVSE, with
    /// the simulator's energy within 1 Wh, in CSV and as OCPI 2.2.1 CDRs that satisfy the specification's CDR object.
    /// </summary>
    private async Task VerifyBillingAsync(string config, IReadOnlyDictionary<string, string> evseIdByModule, IReadOnlyList<SessionTruth> truth)
    {
        var comparison = GroundTruthCheck.CompareBillingExport(await ExportAsync(config, "csv"), await ExportAsync(config, "ocpi"), truth, evseIdByModule);
        output.WriteLine($"billing: {comparison.Matched} of {comparison.Expected} sessions billed exactly once with their energy, in CSV and OCPI");
        Assert.True(comparison.Problems.Count == 0, $"{comparison.Problems.Count} problems in the billing export:\n{string.Join('\n', comparison.Problems.Take(40))}");
    }

    private static async Task<string> ExportAsync(string config, string format)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await Cli.EverestSiteCli.Build().Parse(["billing", "export", "--config", config, "--format", format])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
        Assert.True(exitCode == 0, $"billing export --format {format} exited with {exitCode}: {stderr}");
        return stdout.ToString();
    }

    /// <summary>Waits for a condition up to a cap without failing: the caller checks the outcome in detail afterwards.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan cap)
    {
        using var timeout = new CancellationTokenSource(cap);
        while (!timeout.IsCancellationRequested && !await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<MosquittoBroker> StartMosquittoAsync()
    {
        try
        {
            // Persistence on, as on a site gateway: the controller's session and its queued QoS 1 messages are kept.
            return await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = true });
        }
        catch (MosquittoNotInstalledException exception)
        {
            Assert.Fail($"This test needs a real mosquitto: install Debian package mosquitto. ({exception.Message})");
            throw;
        }
    }
}
