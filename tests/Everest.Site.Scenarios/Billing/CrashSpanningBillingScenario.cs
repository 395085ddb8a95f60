using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Everest.Site.Billing;
using Everest.Site.Billing.Projection;
using Everest.Site.Configuration;
using Everest.Site.Evse;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Persistence;
using Everest.Site.Scenarios.Support;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.GroundTruth;
using Everest.Site.Simulator.Site;
using Everest.Site.Site;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using SimulatorOptions = Everest.Site.Simulator.Site.SimulatorOptions;

namespace Everest.Site.Scenarios.Billing;

/// <summary>
/// Billing across controller crashes, on virtual time: 200 sessions over about three simulated days at four EVSEs,
/// played by the simulator over the in-memory broker, with the controller (fleet, router and site on the production
/// <c>Props</c>, journal in a SQLite file) killed five times: once for a moment while cars charge, once for long
/// enough that transactions start and end while it is gone. While it is down, the billing projection catches up from
/// its stored offset (live rows that finish later); at the end the CDRs are exported by the production
/// <see cref="CdrExport"/> as CSV and as OCPI and compared with the simulator's ground truth: every session exactly
/// once, on its EVSE, with the simulator's energy to 1 Wh, and every OCPI CDR valid.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class CrashSpanningBillingScenario(ITestOutputHelper output) : IAsyncLifetime
{
    private const int EvseCount = 4;
    private const int SessionsPerEvse = 50;

    /// <summary>The step while something happens: the simulator's and the controller's exchanges settle within it.</summary>
    private static readonly TimeSpan FineStep = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The step for idle stretches (cars charging or EVSEs empty, nothing planned): long enough to cross days in a few
    /// thousand steps, shorter than the EVerest API heartbeat timeout so no EVSE ever looks offline.
    /// </summary>
    private static readonly TimeSpan CoarseStep = TimeSpan.FromSeconds(60);

    /// <summary>How long after a planned arrival, departure, crash or restart the scenario keeps the fine step.</summary>
    private static readonly TimeSpan FineWindow = TimeSpan.FromSeconds(8);

    private const string BarrierTopic = "scenario/barrier";
    private const string ToController = "to-controller";
    private const string ToSimulator = "to-simulator";

    private static readonly Config QuietBilling = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _barriers = new(StringComparer.Ordinal);
    private readonly FakeTimeProvider _time = new(SiteTestClock.Start);
    private readonly InMemoryBroker _broker = new();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("everest-site-billing-scenario-");
    private InMemoryMqttTransport _simulatorTransport = null!;
    private SiteSimulator _simulator = null!;
    private ControllerLife? _controller;
    private IDisposable? _controllerBarriers;
    private int _lives;

    public async Task InitializeAsync()
    {
        _simulatorTransport = _broker.CreateClient("everest");
        await _simulatorTransport.ConnectAsync();
        _ = _simulatorTransport.OnMessage(OnBarrier);
        await _simulatorTransport.SubscribeAsync($"{BarrierTopic}/{ToSimulator}/+");
    }

    public async Task DisposeAsync()
    {
        if (_controller is not null)
        {
            await CrashControllerAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        await _simulatorTransport.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Two_hundred_sessions_over_three_days_with_five_controller_crashes_bill_every_session_once_with_its_exact_energy()
    {
        var options = Options();
        var plan = Plan(options, new Random(12));
        var crashes = new (TimeSpan At, TimeSpan Down)[]
        {
            (TimeSpan.FromHours(5), FineStep),                   // back at once, cars charging through it
            (TimeSpan.FromHours(17), TimeSpan.FromMinutes(90)),  // long enough for whole transactions while gone
            (TimeSpan.FromHours(30), TimeSpan.FromMinutes(2)),
            (TimeSpan.FromHours(44), TimeSpan.FromMinutes(10)),
            (TimeSpan.FromHours(58), TimeSpan.FromSeconds(5)),
        };

        _simulator = new SiteSimulator(SimulatedSite(), _simulatorTransport, _time);
        await _simulator.StartAsync();
        foreach (var session in plan)
        {
            await _simulator.ScheduleArrivalAsync(session);
        }

        await StartControllerAsync(options);
        var moments = plan.SelectMany(s => new[] { s.Arrival, s.Departure })
            .Concat(crashes.SelectMany(c => new[] { SiteTestClock.Start + c.At, SiteTestClock.Start + c.At + c.Down }))
            .Order()
            .ToList();
        var end = plan.Max(s => s.Departure) + TimeSpan.FromMinutes(10);
        var crashIndex = 0;
        var fineUntil = DateTimeOffset.MinValue;
        var (fineSteps, coarseSteps) = (0, 0);
        var catchUps = new List<long>();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var outageWall = TimeSpan.Zero;
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        while (_time.GetUtcNow() < end)
        {
            var now = _time.GetUtcNow();
            if (crashIndex < crashes.Length && _controller is not null && now >= SiteTestClock.Start + crashes[crashIndex].At)
            {
                var outage = System.Diagnostics.Stopwatch.StartNew();
                await CrashControllerAsync();

                // While the controller is gone, the billing projection catches up with what the journal holds (as
                // `everest-site billing export` beside a stopped controller does): rows of running transactions stay
                // live and must finish later, from the offset this run stores.
                catchUps.Add(await CatchUpBillingAsync(options));
                outageWall += outage.Elapsed;
            }
            else if (crashIndex < crashes.Length && _controller is null && now >= SiteTestClock.Start + crashes[crashIndex].At + crashes[crashIndex].Down)
            {
                var restart = System.Diagnostics.Stopwatch.StartNew();
                await StartControllerAsync(options);
                outageWall += restart.Elapsed;
                crashIndex++;
            }

            while (moments.Count > 0 && moments[0] <= now)
            {
                fineUntil = moments[0] + FineWindow;
                moments.RemoveAt(0);
            }

            var step = now < fineUntil ? FineStep : Min(CoarseStep, (moments.Count > 0 ? moments[0] : end) - now);
            step = step < FineStep ? FineStep : step;
            (fineSteps, coarseSteps) = step == FineStep ? (fineSteps + 1, coarseSteps) : (fineSteps, coarseSteps + 1);
            await StepAsync(step);
        }

        await CrashControllerAsync();
        catchUps.Add(await CatchUpBillingAsync(options));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow() - SiteTestClock.Start} simulated in {wall.Elapsed.TotalSeconds:0.0} s, {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU ({outageWall.TotalSeconds:0.0} s of it crashing, catching up and restarting): {fineSteps} fine and {coarseSteps} coarse steps, {_lives} controller runs; projection catch-ups applied {string.Join(", ", catchUps)} events"));

        var truth = await _simulator.InspectAsync(s => s.GroundTruth.Sessions.ToList());
        Assert.True(
            truth.Count == plan.Count && truth.All(s => s.FinishedAt is not null && s.EnergyWh is not null),
            $"the simulator ran {truth.Count} of {plan.Count} planned sessions, {truth.Count(s => s.FinishedAt is not null)} finished, {truth.Count(s => s.EnergyWh is not null)} with a transaction");
        AssertCrashesHitTransactions(truth, crashes);
        Assert.All(catchUps, applied => Assert.True(applied > 0, $"a projection catch-up applied nothing: {string.Join(", ", catchUps)}"));

        var csv = await ExportAsync(options, CdrFormat.Csv);
        var ocpi = await ExportAsync(options, CdrFormat.Ocpi);
        var evseIdByModule = options.Chargers.SelectMany(c => c.Evses).ToDictionary(e => e.ModuleId, e => e.Id, StringComparer.Ordinal);
        var problems = GroundTruthCheck.CompareBillingExport(csv, ocpi, truth, evseIdByModule).Problems;
        Assert.True(_broker.MessagesDropped == 0, $"the broker dropped {_broker.MessagesDropped} queued QoS 1 messages: the outages outgrew its queue, so the scenario no longer tests the controller");
        Assert.True(problems.Count == 0, $"{problems.Count} problems in the billing export:\n{string.Join('\n', problems.Take(40))}");
    }

    /// <summary>
    /// The scenario must have done what it claims: each short outage hit transactions that went on after the restart,
    /// and during the long one transactions began and ended while the controller was gone.
    /// </summary>
    private static void AssertCrashesHitTransactions(IReadOnlyList<SessionTruth> truth, IReadOnlyList<(TimeSpan At, TimeSpan Down)> crashes)
    {
        foreach (var (at, down) in crashes.Where(c => c.Down < TimeSpan.FromMinutes(15)))
        {
            var (crashed, restarted) = (SiteTestClock.Start + at, SiteTestClock.Start + at + down);
            Assert.True(
                truth.Any(s => s.TransactionStartedAt < crashed && s.TransactionFinishedAt > restarted),
                $"no transaction ran across the crash at {at}");
        }

        var (longCrash, longDown) = crashes.MaxBy(c => c.Down);
        var (from, to) = (SiteTestClock.Start + longCrash, SiteTestClock.Start + longCrash + longDown);
        Assert.True(
            truth.Any(s => s.TransactionStartedAt > from && s.TransactionFinishedAt < to),
            $"no transaction began and ended during the outage at {longCrash}: "
            + string.Join("; ", truth.Where(s => s.FinishedAt > from && s.StartedAt < to).Select(s => $"{s.EvseModuleId} {s.StartedAt:HH:mm:ss} tx {s.TransactionStartedAt:HH:mm:ss}–{s.TransactionFinishedAt:HH:mm:ss} left {s.FinishedAt:HH:mm:ss}")));
    }

    /// <summary>The site as a configuration file sets it up (reference defaults underneath), journal in a SQLite file of this test.</summary>
    private EverestSiteOptions Options()
    {
        var text = new StringBuilder();
        text.AppendLine("everest-site {");
        text.AppendLine("  site-id = \"billing-scenario\"");
        text.AppendLine(CultureInfo.InvariantCulture, $"  persistence {{ provider = sqlite, sqlite.path = \"{Path.Combine(_folder.FullName, "site.db")}\" }}");

        // The EVerest API heartbeat arrives every 30 s of virtual time; only a longer silence is offline. The
        // controller's own periodic work (communication checks, the allocator's tick) thinned out as the simulator's
        // publications are: over days of virtual time it, not the sessions, would cost most of the run.
        text.AppendLine("  everest-api { request-timeout = 2s, heartbeat-timeout = 2m, communication-check-interval = 30s }");
        text.AppendLine("  allocation { tick = 10s }");

        // Room for three of the four cars at full current: the fourth is limited or paused now and then (site pauses in the CDRs).
        text.AppendLine("  grid { max-current-a = 100, safety-margin-a = 0 }");
        text.AppendLine("  billing.location { name = \"Scenario Depot\", address = \"Hauptstrasse 1\", city = Berlin, postal-code = \"10115\", country = DEU, latitude = \"52.520008\", longitude = \"13.404954\" }");
        text.AppendLine("  chargers = [");
        foreach (var charger in SimulatedSite().Chargers)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {{ id = {charger.Id}, system-module-id = {charger.SystemModuleId}, evses = [");
            foreach (var evse in charger.Evses)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"        {{ id = {evse.Id}, module-id = {evse.ModuleId}, energy-limits-module-id = {evse.EnergyLimitsModuleId} }}");
            }

            text.AppendLine("    ] }");
        }

        text.AppendLine("  ]");
        text.AppendLine("}");
        var file = Path.Combine(_folder.FullName, "site.conf");
        File.WriteAllText(file, text.ToString());
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file));
    }

    private static SimulatorOptions SimulatedSite() =>
        // EVerest's publications thinned out: a coarse step publishes each once, a fine step rarely.
        SimulatorOptions.ForEvses(EvseCount, seed: 12, dcEvery: 0).WithThinnedPublications() with
        {
            // EVerest's fault for a silent controller is not this story; the longest outage stays far below it.
            CommunicationCheckTimeout = TimeSpan.FromHours(2),
        };

    /// <summary>Fifty cars per EVSE, one after the other with gaps: 20 to 70 minutes plugged in, 3 to 30 kWh wanted.</summary>
    private static List<PlannedSession> Plan(EverestSiteOptions options, Random random)
    {
        var sessions = new List<PlannedSession>();
        var evses = options.Chargers.SelectMany(c => c.Evses).ToList();
        for (var e = 0; e < evses.Count; e++)
        {
            var arrival = SiteTestClock.Start + TimeSpan.FromMinutes(10 + (7 * e));
            for (var k = 0; k < SessionsPerEvse; k++)
            {
                var departure = arrival + TimeSpan.FromMinutes(random.Next(20, 71)) + TimeSpan.FromSeconds(random.Next(60));
                sessions.Add(new PlannedSession(arrival, departure, random.Next(3_000, 30_001), random.Next(2) == 0 ? 16 : 32, random.Next(4) == 0 ? 1 : 3)
                {
                    EvseModuleId = evses[e].ModuleId,
                });
                arrival = departure + TimeSpan.FromMinutes(random.Next(5, 61)) + TimeSpan.FromSeconds(random.Next(60));
            }
        }

        return sessions;
    }

    private async Task StartControllerAsync(EverestSiteOptions options)
    {
        _lives++;
        _controller = await ControllerLife.StartAsync($"controller-{_lives}", options, _broker, _time);
        _controllerBarriers = _controller.Transport.OnMessage(OnBarrier);
        await _controller.Transport.SubscribeAsync($"{BarrierTopic}/{ToController}/+");
    }

    private async Task CrashControllerAsync()
    {
        _controllerBarriers?.Dispose();
        await _controller!.CrashAsync();
        _controller = null;
    }

    /// <summary>
    /// Moves virtual time by <paramref name="step"/>. With the controller running, waits as the site scenarios do until
    /// the simulator and the controller have handled what the step caused (barriers through the broker both ways and
    /// round trips through the simulator, every EVSE actor and the site actor); without it, the simulator alone moves.
    /// </summary>
    private async Task StepAsync(TimeSpan step)
    {
        _time.Advance(step);
        _controller?.Scheduler.Advance(step);
        await _simulator.AdvanceAsync();
        if (_controller is not { } controller)
        {
            await _simulator.InspectAsync(_ => 0);
            return;
        }

        for (var i = 0; i < 3; i++)
        {
            await BarrierAsync(_simulatorTransport, ToController);
            await BarrierAsync(controller.Transport, ToSimulator);
            await _simulator.InspectAsync(_ => 0);
            await Task.WhenAll(controller.Settings.Evses.Select(e => controller.Fleet.Ask<EvseSnapshot>(new EvseEnvelope(e.EvseId, GetEvseSnapshot.Instance), TimeSpan.FromSeconds(30))));
            await controller.Site.Ask<SiteStatus>(GetSiteStatus.Instance, TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>The billing projection brought up to the journal, as the command line does, on an actor system of its own (real time).</summary>
    private static async Task<long> CatchUpBillingAsync(EverestSiteOptions options)
    {
        var system = ActorSystem.Create("billing", SitePersistenceConfig.ActorSystemSetup(options.Persistence, QuietBilling));
        try
        {
            var projection = new BillingProjection(new BillingReadModel(new BillingDatabase(options.Persistence)), TimeProvider.System, NullLogger<BillingProjection>.Instance);
            return await projection.CatchUpAsync(system, CancellationToken.None);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<string> ExportAsync(EverestSiteOptions options, CdrFormat format)
    {
        var site = new BillingSite(options);
        var export = new CdrExport(new BillingReadModel(new BillingDatabase(options.Persistence)), site);
        using var stream = new MemoryStream();
        await export.WriteAsync(CdrFilter.All, format, stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private async Task BarrierAsync(InMemoryMqttTransport from, string direction)
    {
        var id = Guid.NewGuid().ToString("N");
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _barriers[id] = arrived;
        await from.PublishAsync(new MqttMessage($"{BarrierTopic}/{direction}/{id}", Array.Empty<byte>(), MqttQos.AtLeastOnce));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private void OnBarrier(MqttMessage message)
    {
        if (message.Topic.StartsWith(BarrierTopic, StringComparison.Ordinal) && _barriers.TryRemove(message.Topic[(message.Topic.LastIndexOf('/') + 1)..], out var arrived))
        {
            arrived.TrySetResult();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
