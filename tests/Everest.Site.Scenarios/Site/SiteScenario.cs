using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Scenarios.Support;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Evse;
using Everest.Site.Simulator.Site;
using Everest.Site.Site;
using Everest.Site.Site.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using ApiOptions = Everest.Site.EverestApi.EverestApiOptions;
using SimulatorOptions = Everest.Site.Simulator.Site.SimulatorOptions;

namespace Everest.Site.Scenarios.Site;

/// <summary>
/// A whole site on virtual time: the simulator plays EVerest for every EVSE over the in-memory broker, and the
/// production EVSE fleet and <see cref="SiteActor"/> are booted through their <c>Props</c> as the host does. Each
/// <see cref="StepAsync"/> moves the one clock, lets the simulator catch up and waits until the site and the
/// simulator have handled what that step caused.
/// </summary>
public abstract class SiteScenario : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    /// <summary>The simulator's publications and the site's decisions settle within a step of this length.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private readonly InMemoryMqttTransport _simulatorTransport;
    private const string BarrierTopic = "scenario/barrier";
    private const string ToController = "to-controller";
    private const string ToSimulator = "to-simulator";

    private readonly List<IAsyncDisposable> _disposables = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _barriers = new(StringComparer.Ordinal);

    protected SiteScenario(ITestOutputHelper output)
        : base(EvseScenario.ScenarioConfig, "site-scenario", output)
    {
        Time = new SiteTestClock((TestScheduler)Sys.Scheduler);
        Broker = new InMemoryBroker();
        ControllerTransport = Broker.CreateClient("everest-site");
        _simulatorTransport = Broker.CreateClient("everest");
        Client = new EverestApiClient(
            ControllerTransport,
            new ApiOptions { RequestTimeout = TimeSpan.FromSeconds(2), HeartbeatTimeout = TimeSpan.FromSeconds(5) },
            Time.Provider,
            NullLogger<EverestApiClient>.Instance);
    }

    protected SiteTestClock Time { get; }

    protected InMemoryBroker Broker { get; }

    protected InMemoryMqttTransport ControllerTransport { get; }

    protected EverestApiClient Client { get; }

    protected SiteSimulator Simulator { get; private set; } = null!;

    protected IActorRef Fleet { get; private set; } = ActorRefs.Nobody;

    protected IActorRef Site { get; private set; } = ActorRefs.Nobody;

    protected EvseMessageRouter Router { get; private set; } = null!;

    /// <summary>The CSMS schedule listener, started as the host does when <c>grid.use-csms-schedules</c> is on.</summary>
    protected CsmsScheduleListener? Csms { get; private set; }

    protected SiteSettings Settings { get; private set; } = null!;

    /// <summary>The largest current any grid phase carried at the end of a step since the site started (A, from the simulated EVSEs).</summary>
    protected double PeakPhaseA { get; private set; }

    public async Task InitializeAsync()
    {
        await ControllerTransport.ConnectAsync();
        await _simulatorTransport.ConnectAsync();
        _disposables.Add(new Unsubscribe(ControllerTransport.OnMessage(OnBarrier)));
        _disposables.Add(new Unsubscribe(_simulatorTransport.OnMessage(OnBarrier)));
        await ControllerTransport.SubscribeAsync($"{BarrierTopic}/{ToController}/+");
        await _simulatorTransport.SubscribeAsync($"{BarrierTopic}/{ToSimulator}/+");
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }

        Router?.Dispose();
        Csms?.Dispose();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        await Client.DisposeAsync();
        await _simulatorTransport.DisposeAsync();
        await ControllerTransport.DisposeAsync();
    }

    /// <summary>
    /// Options of a site with <paramref name="evses"/> AC EVSEs (ids <c>cp-1-1</c>, <c>cp-1-2</c>, <c>cp-2-1</c>, …,
    /// all with energy-limits modules unless <paramref name="onOffOnly"/>) on a grid of <paramref name="gridA"/>.
    /// </summary>
    protected static EverestSiteOptions SiteOptions(int evses, double gridA, bool onOffOnly = false, Action<EverestSiteOptions>? customize = null)
    {
        var simulated = SimulatorOptions.ForEvses(evses, dcEvery: 0);
        var options = new EverestSiteOptions
        {
            SiteId = "scenario",
            EverestApi = new ApiOptions { RequestTimeout = TimeSpan.FromSeconds(2), HeartbeatTimeout = TimeSpan.FromSeconds(5) },
            Grid = new GridOptions { MaxCurrentA = gridA, SafetyMarginA = 0, VoltageV = 230, Phases = 3 },
            Allocation = new AllocationOptions
            {
                Tick = TimeSpan.FromSeconds(1),
                MinCurrentA = 6,
                MinPause = TimeSpan.FromSeconds(30),
                MinCharge = TimeSpan.FromSeconds(30),
                Rotation = TimeSpan.FromHours(1),
                FallbackCurrentA = 6,
                FallbackAfter = TimeSpan.FromSeconds(15),
            },
            Reservations = new ReservationsOptions { DefaultExpiry = TimeSpan.FromMinutes(15) },
        };
        options.Persistence.MeterSample.Interval = TimeSpan.FromMinutes(5);
        options.Persistence.MeterSample.EnergyDeltaWh = 1000;
        foreach (var charger in simulated.Chargers)
        {
            var configured = new ChargerOptions { Id = charger.Id, SystemModuleId = charger.SystemModuleId };
            foreach (var evse in charger.Evses)
            {
                configured.Evses.Add(new EvseOptions
                {
                    Id = evse.Id,
                    ModuleId = evse.ModuleId,
                    EnergyLimitsModuleId = onOffOnly ? null : evse.EnergyLimitsModuleId,
                });
            }

            options.Chargers.Add(configured);
        }

        customize?.Invoke(options);
        return options;
    }

    /// <summary>Starts the simulator for the same EVSEs, then the fleet and the site as the host does, and waits until every EVSE is online.</summary>
    /// <param name="timeZone">The zone the limit schedule is read in; null: <c>grid.time-zone</c> when set, else UTC.</param>
    /// <param name="simulator">Changes to the simulator's options (e.g. the CSMS's station limit).</param>
    protected async Task StartSiteAsync(
        EverestSiteOptions options,
        Func<EvseSimulationOptions, EvseSimulationOptions>? hardware = null,
        bool onOffOnly = false,
        TimeZoneInfo? timeZone = null,
        Func<SimulatorOptions, SimulatorOptions>? simulator = null)
    {
        var simulated = SimulatorOptions.ForEvses(options.Chargers.Sum(c => c.Evses.Count), dcEvery: 0, customize: h =>
        {
            var noSurprises = h with { VehiclePausesPerHour = 0, LocalStopProbability = 0 };
            return hardware is null ? noSurprises : hardware(noSurprises);
        });
        simulated = simulator?.Invoke(simulated) ?? simulated;
        if (onOffOnly)
        {
            simulated = simulated with
            {
                Chargers = [.. simulated.Chargers.Select(c => c with { Evses = [.. c.Evses.Select(e => e with { EnergyLimitsModuleId = null })] })],
            };
        }

        // The controller listens before the simulator starts, so EVerest's start-up publications are not lost.
        var plan = EvseFleetPlan.From(options);
        Settings = SiteSettings.From(options, timeZone ?? (options.Grid.TimeZone is null ? TimeZoneInfo.Utc : null));
        var barrier = new MqttBrokerBarrier(ControllerTransport, "everest-site");
        Fleet = Sys.ActorOf(EvseFleetActor.Props(plan, Client, barrier, Time.Provider), "evses");
        Router = new EvseMessageRouter(ControllerTransport, Fleet, plan, new EverestMessageDecoder(), NullLogger<EvseMessageRouter>.Instance, barrier: barrier);
        await Router.StartAsync();
        Site = Sys.ActorOf(SiteActor.Props(Settings, Fleet, Time.Provider), "site");
        if (options.Grid.UseCsmsSchedules)
        {
            Csms = new CsmsScheduleListener(ControllerTransport, Site, new EverestMessageDecoder(), options);
            await Csms.StartAsync();
        }

        Simulator = new SiteSimulator(simulated, _simulatorTransport, Time.Provider);
        await Simulator.StartAsync();
        await RunUntilAsync(s => s.Evses.All(e => e.Decision.Reason != Domain.Allocation.AllocationReason.Offline), TimeSpan.FromSeconds(30), "every EVSE is online");
    }

    /// <summary>A car arrives at <paramref name="evseId"/> now (plus <paramref name="after"/>) and stays <paramref name="stay"/>.</summary>
    /// <param name="announcesDeparture">Whether the car tells its departure over ISO 15118 (ev_info departure_time).</param>
    protected Task ArriveAsync(string evseId, double maxCurrentA = 32, int phases = 3, TimeSpan? stay = null, TimeSpan? after = null, double energyWh = 100_000, bool announcesDeparture = false)
    {
        var arrival = Time.GetUtcNow() + (after ?? TimeSpan.Zero);
        return Simulator.ScheduleArrivalAsync(new PlannedSession(arrival, arrival + (stay ?? TimeSpan.FromHours(4)), energyWh, maxCurrentA, phases)
        {
            EvseModuleId = ModuleOf(evseId),
            AnnouncesDeparture = announcesDeparture,
        });
    }

    protected static string ModuleOf(string evseId)
    {
        // cp-{c}-{e} ↔ evse_api_cp{c}_{e}, as SimulatorOptions.ForEvses names them.
        var parts = evseId.Split('-');
        return $"evse_api_cp{parts[1]}_{parts[2]}";
    }

    /// <summary>Moves virtual time by one <see cref="Step"/> and waits until the site and the simulator handled it.</summary>
    protected async Task<SiteStatus> StepAsync()
    {
        Time.Advance(Step);
        await Simulator.AdvanceAsync();
        SiteStatus status = null!;

        // Barriers through the broker both ways and round trips through every party (simulator, each EVSE actor, the
        // site): what one sent in reaction to another has arrived and been handled before the clock moves on.
        for (var i = 0; i < 3; i++)
        {
            await BarrierAsync(_simulatorTransport, ToController);
            await BarrierAsync(ControllerTransport, ToSimulator);
            await Simulator.InspectAsync(_ => 0);
            await Task.WhenAll(Settings.Evses.Select(e => Fleet.Ask<EvseSnapshot>(new EvseEnvelope(e.EvseId, GetEvseSnapshot.Instance), TimeSpan.FromSeconds(15))));
            status = await Site.Ask<SiteStatus>(GetSiteStatus.Instance, TimeSpan.FromSeconds(15));
        }

        var phases = await Simulator.InspectAsync(PhaseLoads);
        PeakPhaseA = Math.Max(PeakPhaseA, phases.Max());
        return status;
    }

    /// <summary>The controller dies: the site, the fleet and the router stop, and nothing is sent to EVerest any more.</summary>
    protected async Task StopControllerAsync()
    {
        Router.Dispose();
        var watcher = CreateTestProbe();
        foreach (var actor in new[] { Site, Fleet })
        {
            await watcher.WatchAsync(actor);
            Sys.Stop(actor);
            await watcher.ExpectTerminatedAsync(actor);
        }
    }

    /// <summary>The site actor alone stops and starts again from its journal (the EVSE fleet and the router stay).</summary>
    protected async Task RestartSiteAsync()
    {
        var watcher = CreateTestProbe();
        await watcher.WatchAsync(Site);
        Sys.Stop(Site);
        await watcher.ExpectTerminatedAsync(Site);
        Site = Sys.ActorOf(SiteActor.Props(Settings, Fleet, Time.Provider), $"site-{Guid.NewGuid():N}");
    }

    /// <summary>Moves virtual time by one <see cref="Step"/> for the simulator alone (the controller is gone).</summary>
    protected async Task AdvanceSimulatorOnlyAsync()
    {
        Time.Advance(Step);
        await Simulator.AdvanceAsync();
        await Simulator.InspectAsync(_ => 0);
    }

    /// <summary>Steps until <paramref name="condition"/> holds, at most <paramref name="within"/> of virtual time.</summary>
    protected async Task<SiteStatus> RunUntilAsync(Func<SiteStatus, bool> condition, TimeSpan within, string description)
    {
        var deadline = Time.GetUtcNow() + within;
        while (true)
        {
            var status = await StepAsync();
            if (condition(status))
            {
                return status;
            }

            Assert.True(Time.GetUtcNow() < deadline, $"Within {within} of virtual time, never: {description}. Last: {Describe(status)}");
        }
    }

    /// <summary>Steps for <paramref name="duration"/> of virtual time, checking <paramref name="invariant"/> after every step.</summary>
    protected async Task RunForAsync(TimeSpan duration, Func<SiteStatus, bool>? invariant = null, string? description = null)
    {
        var end = Time.GetUtcNow() + duration;
        while (Time.GetUtcNow() < end)
        {
            var status = await StepAsync();
            Assert.True(invariant is null || invariant(status), $"Broken: {description}. {Describe(status)}");
        }
    }

    /// <summary>Steps until the car at <paramref name="evseId"/> actually draws at least <paramref name="amperes"/>, at most <paramref name="within"/> of virtual time.</summary>
    protected async Task<SiteStatus> RunUntilDrawingAsync(string evseId, double amperes, TimeSpan within)
    {
        var deadline = Time.GetUtcNow() + within;
        while (true)
        {
            var status = await StepAsync();
            var actual = await ActualAsync(evseId);
            if (actual >= amperes)
            {
                return status;
            }

            Assert.True(Time.GetUtcNow() < deadline, $"Within {within} of virtual time, the car at {evseId} never drew {amperes} A (draws {actual:0.#} A). Last: {Describe(status)}");
        }
    }

    /// <summary>What a simulated EVSE's car actually draws per phase (A).</summary>
    protected Task<double> ActualAsync(string evseId) =>
        Simulator.InspectAsync(s => s.Evses.Single(e => e.Options.Id == evseId).Simulation.ActualCurrentA);

    /// <summary>The current each grid phase carries now, from the simulated EVSEs and their wiring.</summary>
    protected double[] PhaseLoads(SiteSimulator simulator)
    {
        var loads = new double[3];
        foreach (var evse in simulator.Evses)
        {
            var wiring = Settings.Evses.Single(e => e.EvseId == evse.Options.Id);
            for (var phase = 0; phase < evse.Simulation.ActivePhases; phase++)
            {
                loads[(int)Domain.Allocation.PhaseRotations.GridPhaseOf(wiring.Rotation, phase)] += evse.Simulation.ActualCurrentA;
            }
        }

        return loads;
    }

    /// <summary>The site's events as the journal stored them.</summary>
    protected async Task<IReadOnlyList<ISiteEvent>> SiteEventsAsync()
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);
        var reader = CreateTestProbe();
        journal.Tell(new Akka.Persistence.ReplayMessages(1, long.MaxValue, long.MaxValue, SiteSettings.PersistenceId, reader.Ref), reader.Ref);
        var stored = new List<ISiteEvent>();
        while (true)
        {
            switch (await reader.ExpectMsgAsync<object>())
            {
                case Akka.Persistence.ReplayedMessage replayed:
                    stored.Add((ISiteEvent)replayed.Persistent.Payload);
                    break;
                case Akka.Persistence.RecoverySuccess:
                    return stored;
                case var other:
                    Assert.Fail($"The journal answered a replay with {other}");
                    break;
            }
        }
    }

    /// <summary>
    /// Publishes a marker from <paramref name="from"/> and waits until the other side received it: the broker delivers
    /// in order, so everything published before it has been handed to that side's handlers.
    /// </summary>
    private async Task BarrierAsync(InMemoryMqttTransport from, string direction)
    {
        var id = Guid.NewGuid().ToString("N");
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _barriers[id] = arrived;
        await from.PublishAsync(new MqttMessage($"{BarrierTopic}/{direction}/{id}", Array.Empty<byte>(), MqttQos.AtLeastOnce));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    private void OnBarrier(MqttMessage message)
    {
        if (message.Topic.StartsWith(BarrierTopic, StringComparison.Ordinal) && _barriers.TryRemove(message.Topic[(message.Topic.LastIndexOf('/') + 1)..], out var arrived))
        {
            arrived.TrySetResult();
        }
    }

    private sealed class Unsubscribe(IDisposable subscription) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            subscription.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    protected static SiteEvseStatus Evse(SiteStatus status, string evseId) => status.Evses.Single(e => e.EvseId == evseId);

    protected static string Describe(SiteStatus status) =>
        $"site {string.Join("/", status.SiteCurrentA.Select(a => a.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)))} A of {status.GridLimitA} A; "
        + string.Join("; ", status.Evses.Select(e => $"{e.EvseId}: {e.Decision.Explanation} (applied {e.AppliedA?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "-"})"));
}
