using System.Globalization;
using Everest.Site.Configuration;
using Everest.Site.IntegrationTests.Support;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Scenarios.Support;
using Everest.Site.Simulator.GroundTruth;
using Everest.Site.Simulator.Site;
using Everest.Site.Simulator.Time;
using Everest.Site.Testing.Mosquitto;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using SimulatorOptions = Everest.Site.Simulator.Site.SimulatorOptions;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>
/// One row of the reliability suite: the controller as a real process (<c>everest-site run</c>) journaling into SQLite
/// or PostgreSQL, the simulator playing EVerest with a dense plan of cars over a real mosquitto, one fault injected
/// while the cars charge, then every planned car allowed to finish and the journal compared with the simulator's
/// ground truth: every transaction exactly once with its energy within 1 Wh, no sequence gap, the process alive.
/// </summary>
internal static class ReliabilityRun
{
    private static readonly TimeSpan ControllerStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <param name="persistence">The body of the controller's <c>persistence { … }</c> section.</param>
    /// <param name="rounds">Rounds of cars: the load lasts about 20 real seconds per round.</param>
    /// <param name="inject">The fault; runs while the plan plays and returns when the fault is over.</param>
    public static async Task<ReliabilityRow> RunAsync(
        string fault, string database, string persistence, ReliabilitySize size, int rounds, Func<FaultContext, Task<string>> inject, ITestOutputHelper output, string folder)
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = true });
        var site = SimulatorOptions.ForEvses(size.Evses, seed: 14).WithThinnedPublications();
        var evseIds = site.Chargers.SelectMany(c => c.Evses).Select(e => e.Id).ToList();
        var evseIdByModule = site.Chargers.SelectMany(c => c.Evses).ToDictionary(e => e.ModuleId, e => e.Id, StringComparer.Ordinal);
        var config = SiteConfigFile.Write(folder, site, broker.Host, broker.Port, "everest-site-reliability", persistence);

        // The suite reads /health during the faults, so the controller listens on a port chosen here rather than on
        // the site file's port 0; a key later in a HOCON file overrides the same key earlier in it.
        using var health = new ControllerHealth(ControllerHealth.FreeLoopbackPort());
        File.AppendAllText(config, string.Create(CultureInfo.InvariantCulture, $"everest-site.http.urls = \"http://127.0.0.1:{health.Port}\"\n"));
        var journalSettings = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(config)).Persistence;
        Task<ControllerProcess> StartController() => ControllerProcess.StartAsync(config, folder, size.Evses, ControllerStartTimeout);

        var controller = await StartController();
        FaultContext? context = null;
        try
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new XunitLoggerProvider(output, LogLevel.Warning)));
            await using var simulatorTransport = new MqttNetTransport(
                new MqttNetTransportOptions
                {
                    Host = broker.Host,
                    Port = broker.Port,
                    ClientId = "everest-site-reliability-simulator",
                    CleanSession = true,
                    Reconnect = new MqttNetReconnectOptions { MinDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) },
                },
                loggerFactory);
            await simulatorTransport.ConnectAsync();
            var start = DateTimeOffset.UtcNow;
            var time = new ScaledTimeProvider(ReliabilitySize.TimeScale, start);
            await using var simulator = new SiteSimulator(site, simulatorTransport, time, loggerFactory: loggerFactory, wallClock: TimeProvider.System);
            await simulator.StartAsync();
            var plan = ChargingPlan.For(site, start, rounds);
            foreach (var session in plan)
            {
                await simulator.ScheduleArrivalAsync(session);
            }

            using var stopSimulator = new CancellationTokenSource();
            var simulating = simulator.RunAsync(TimeSpan.FromSeconds(5), stopSimulator.Token);
            await FaultContext.LetTheSiteRunAsync();
            var memoryStart = ResidentMemory.Megabytes(controller.Id);

            context = new FaultContext(broker, simulator, time, StartController, controller, health);
            var notes = await inject(context);
            controller = context.Controller;

            var planLength = ChargingPlan.RoundLength * rounds;
            await Eventually.HoldsAsync(
                () => simulator.GroundTruth.Sessions is var sessions && sessions.Count == plan.Count && sessions.All(s => s.FinishedAt is not null),
                TimeSpan.FromSeconds((planLength.TotalMinutes * 60 / ReliabilitySize.TimeScale) + 120),
                () => $"all {plan.Count} planned sessions to finish; {simulator.GroundTruth.Sessions.Count} started, "
                    + $"{simulator.GroundTruth.Sessions.Count(s => s.FinishedAt is not null)} finished, {simulator.GroundTruth.ArrivalsTurnedAway} cars turned away");

            var expected = simulator.GroundTruth.Sessions.Select(s => s.SessionUuid).ToHashSet(StringComparer.Ordinal);
            await using (var journal = EvseJournal.Open(journalSettings))
            {
                await WaitUntilAsync(async () => expected.IsSubsetOf(await journal.FinishedTransactionsAsync(evseIds)), TimeSpan.FromSeconds(60));
            }

            var memoryEnd = await ResidentMemory.SettledMegabytesAsync(controller.Id);
            await stopSimulator.CancelAsync();
            await simulating;
            var alive = !HasExited(controller);
            var exitCode = await controller.TerminateAsync(ShutdownTimeout);
            alive &= exitCode == 0;
            var compared = await CompareAsync(fault, database, journalSettings, evseIds, evseIdByModule, simulator.GroundTruth.Sessions, alive, memoryStart, memoryEnd, notes, output);
            var row = compared with { RepeatedBurstGrowthMb = context.RepeatedBurstGrowthMb };
            output.WriteLine(row.ToTabSeparated());
            if (!row.Passed)
            {
                output.WriteLine("controller stderr (tail of each run):\n" + string.Join("\n---\n", [.. context.EarlierStderr, controller.StderrTail]));
            }

            return row;
        }
        finally
        {
            await (context?.Controller ?? controller).DisposeAsync();
        }
    }

    private static async Task<ReliabilityRow> CompareAsync(
        string fault,
        string database,
        PersistenceOptions journalSettings,
        IReadOnlyList<string> evseIds,
        IReadOnlyDictionary<string, string> evseIdByModule,
        IReadOnlyList<SessionTruth> truth,
        bool alive,
        double memoryStart,
        double memoryEnd,
        string notes,
        ITestOutputHelper output)
    {
        JournalTransactions journal;
        await using (var reader = EvseJournal.Open(journalSettings))
        {
            journal = await JournalTransactions.ReadAsync(reader, evseIds);
        }

        var comparison = GroundTruthCheck.Compare("the journal", truth, journal.Transactions, evseIdByModule);
        foreach (var line in journal.Gaps.Concat(comparison.Problems))
        {
            output.WriteLine(line);
        }

        return new ReliabilityRow(
            fault,
            database,
            comparison.Expected,
            comparison.Matched,
            comparison.Lost,
            comparison.Duplicated + comparison.Unknown,
            journal.Gaps.Count,
            alive,
            memoryStart,
            memoryEnd,
            notes);
    }

    private static bool HasExited(ControllerProcess controller)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(controller.Id);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Waits for a condition up to a cap without failing: the comparison reports what is missing in detail.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan cap)
    {
        using var timeout = new CancellationTokenSource(cap);
        while (!timeout.IsCancellationRequested && !await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
