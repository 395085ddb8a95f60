using System.Globalization;
using System.Threading.Channels;
using Everest.Site.EverestApi;
using Everest.Site.Mqtt;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Evse;
using Everest.Site.Simulator.GroundTruth;
using Everest.Site.Simulator.Vehicles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Simulator.Site;

/// <summary>
/// Plays EVerest for a whole site over any <see cref="IMqttTransport"/>: every charger's system, ocpp_consumer
/// and session_cost modules and every EVSE's evse_manager_consumer and external_energy_limits_consumer modules.
/// Cars come from an <see cref="IArrivalPlan"/>; time comes only from the given <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// All simulation state is touched by one loop, one work item at a time: incoming messages, time steps
/// (<see cref="AdvanceAsync"/>) and test actions (<see cref="ScheduleArrivalAsync"/>) are queued to it, so the
/// per-EVSE state machines stay single-threaded and deterministic for a given order of inputs. With a manual
/// clock a test calls <see cref="AdvanceAsync"/> after moving the clock; <see cref="RunAsync"/> does that on a
/// timer for the command line.
/// </remarks>
public sealed partial class SiteSimulator : IAsyncDisposable
{
    private readonly SimulatorOptions _options;
    private readonly IMqttTransport _transport;
    private readonly TimeProvider _time;
    private readonly IArrivalPlan _arrivals;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<(MqttMessage Message, Task Publish)> _inflightPublishes = [];

    /// <summary>QoS 1 messages waiting for the broker to come back (see <see cref="PublishOutbox"/>).</summary>
    private readonly PublishOutbox _outbox = new(OutboxCapacity);

    /// <summary>The clock of what models a real-world timeout (EVerest's communication check, our wait for the controller's answers).</summary>
    private readonly TimeProvider _wallClock;
    private readonly Dictionary<(EverestApiType Api, string ModuleId), ApiInstance> _instances = [];
    private readonly Dictionary<string, SimulatedEvse> _evsesByModule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedEvse> _evsesByLimitsModule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChargerRuntime> _chargersByModule = new(StringComparer.Ordinal);
    private readonly List<ChargerRuntime> _chargers = [];
    private readonly List<SimulatedEvse> _evses = [];
    private readonly List<PlannedSession> _scheduledArrivals = [];
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _messageSubscription;
    private Task? _loop;
    private long _vehicleCounter;

    /// <summary>The simulated CSMS numbers transactions across the whole site, as OCPP 1.6 does.</summary>
    private long _nextCsmsTransactionNumber = 1000;
    private long _publishFailures;
    private long _publishAttemptsFailed;
    private long _rejectedMessages;

    /// <summary>How many QoS 1 messages wait for an absent broker before the oldest are dropped (about 50 MB).</summary>
    public const int OutboxCapacity = 100_000;

    /// <param name="time">The simulated clock: sessions, meters and periodic publications follow it.</param>
    /// <param name="wallClock">
    /// The clock of real-world timeouts: EVerest's communication check and the wait for the controller's answers count
    /// in real time even when <paramref name="time"/> runs faster, because the controller's side of them does. Null: the
    /// simulated clock (tests on a manual clock drive both with one).
    /// </param>
    public SiteSimulator(SimulatorOptions options, IMqttTransport transport, TimeProvider time, IArrivalPlan? arrivals = null, ILoggerFactory? loggerFactory = null, TimeProvider? wallClock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException($"Simulator options: {problem}.", nameof(options));
        }

        _options = options;
        _transport = transport;
        _time = time;
        _wallClock = wallClock ?? time;
        _arrivals = arrivals ?? NoArrivals.Instance;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SiteSimulator>();
        _random = new Random(options.Seed);

        var start = time.GetUtcNow();
        var evseIndex = 0;
        foreach (var charger in options.Chargers)
        {
            var runtime = new ChargerRuntime(charger, start);
            _chargers.Add(runtime);
            AddInstance(EverestApiType.System, charger.SystemModuleId, start);
            _chargersByModule[charger.SystemModuleId] = runtime;
            if (charger.PlaysOcpp)
            {
                AddInstance(EverestApiType.OcppConsumer, charger.OcppModuleId, start);
                _chargersByModule[charger.OcppModuleId] = runtime;
            }

            if (charger.PlaysSessionCost)
            {
                AddInstance(EverestApiType.SessionCost, charger.SessionCostModuleId, start);
                _chargersByModule[charger.SessionCostModuleId] = runtime;
            }

            foreach (var evseOptions in charger.Evses)
            {
                // Each EVSE gets its own random stream, so adding an EVSE does not change the others' histories.
                var simulation = new EvseSimulation(evseOptions.Hardware, new Random(HashCode.Combine(options.Seed, evseIndex++)), start);
                var evse = new SimulatedEvse(charger, evseOptions, simulation, start);
                _evses.Add(evse);
                _evsesByModule[evseOptions.ModuleId] = evse;
                AddInstance(EverestApiType.EvseManagerConsumer, evseOptions.ModuleId, start);
                if (evseOptions.EnergyLimitsModuleId is { } limitsModule)
                {
                    _evsesByLimitsModule[limitsModule] = evse;
                    AddInstance(EverestApiType.ExternalEnergyLimitsConsumer, limitsModule, start);
                }
            }
        }
    }

    /// <summary>What really happened, for comparison with the controller's records.</summary>
    public SimulationGroundTruth GroundTruth { get; } = new();

    public IReadOnlyList<SimulatedEvse> Evses => _evses;

    public SimulatorOptions Options => _options;

    /// <summary>
    /// Messages lost to an absent broker: QoS 0 ones not sent, QoS 1 ones dropped from a full outbox. QoS 1 messages
    /// kept and published later are not counted.
    /// </summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>QoS 1 messages waiting for the broker to come back.</summary>
    public int WaitingForBroker => _outbox.Count;

    /// <summary>Incoming messages dropped as EVerest drops them (no replyTo, unparseable, unknown operation).</summary>
    public long RejectedMessages => Interlocked.Read(ref _rejectedMessages);

    /// <summary>Subscribes to every instance's <c>m2e</c> topics and publishes what EVerest publishes at start-up.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The simulator is already started.");
        }

        _messageSubscription = _transport.OnMessage(OnMessage);
        foreach (var instance in _instances.Values)
        {
            await _transport.SubscribeAsync($"{EverestTopic.Prefix(instance.Api, instance.ModuleId)}/m2e/#", MqttQos.AtLeastOnce, cancellationToken);
            GroundTruth.Raise(new CommunicationFault(instance.Api.ToWireName(), instance.ModuleId, _time.GetUtcNow(), AtStartup: true));
        }

        _loop = Task.Run(() => RunLoopAsync(_stopping.Token), CancellationToken.None);
        await OnLoopAsync(() =>
        {
            var now = _time.GetUtcNow();
            foreach (var charger in _chargers)
            {
                PublishChargerStartup(charger, now);
            }

            foreach (var evse in _evses)
            {
                PublishOutputs(evse, evse.Simulation.DrainOutputs());
            }

            AdvanceCore(now);
            return Task.CompletedTask;
        });
        _logger.LogInformation("Simulating {ChargerCount} chargers with {EvseCount} EVSEs", _chargers.Count, _evses.Count);
    }

    /// <summary>Brings the whole site up to the clock's current time and publishes what is due.</summary>
    public Task AdvanceAsync() => OnLoopAsync(() =>
    {
        AdvanceCore(_time.GetUtcNow());
        return Task.CompletedTask;
    });

    /// <summary>Advances on a timer of the simulator's clock until cancelled (the command line's loop).</summary>
    public async Task RunAsync(TimeSpan tick, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(tick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await AdvanceAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    /// <summary>Lets a car arrive at its planned time (in addition to the arrival plan), e.g. a reservation holder.</summary>
    public Task ScheduleArrivalAsync(PlannedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Validate() is { } problem)
        {
            throw new ArgumentException($"Planned session: {problem}.", nameof(session));
        }

        return OnLoopAsync(() =>
        {
            _scheduledArrivals.Add(session);
            return Task.CompletedTask;
        });
    }

    /// <summary>Runs an action on the simulation loop (between steps), e.g. to read or poke an EVSE consistently.</summary>
    public Task<T> InspectAsync<T>(Func<SiteSimulator, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = OnLoopAsync(() =>
        {
            result.SetResult(read(this));
            return Task.CompletedTask;
        });
        return result.Task;
    }

    /// <summary>
    /// Holds the simulation loop until the returned handle is disposed: meanwhile nothing is published and no step
    /// runs (the clock goes on, and the first step afterwards catches up). Returns once everything queued before
    /// has been published. For tests that need a quiet broker at a chosen moment, e.g. to kill the controller when
    /// it has stored everything it received.
    /// </summary>
    public async Task<IAsyncDisposable> HoldAsync()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new LoopHold();
        var queued = OnLoopAsync(async () =>
        {
            holding.SetResult();
            try
            {
                await release.Released.WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Disposing the simulator ends the hold.
            }
        });
        if (await Task.WhenAny(holding.Task, queued) == queued)
        {
            await queued;
        }

        return release;
    }

    public async ValueTask DisposeAsync()
    {
        _messageSubscription?.Dispose();
        _work.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // The loop ends by cancellation.
            }
        }

        foreach (var pending in _pendingReversed.Values)
        {
            pending.TrySetCanceled();
        }

        foreach (var evse in _evses)
        {
            evse.Dispose();
        }

        _stopping.Dispose();
    }

    private void AddInstance(EverestApiType api, string moduleId, DateTimeOffset start) =>
        _instances[(api, moduleId)] = new ApiInstance(api, moduleId, _options.CommunicationCheckTimeout, start);

    private Task OnLoopAsync(Func<Task> action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = _work.Writer.TryWrite(async () =>
        {
            try
            {
                await action();
                done.SetResult();
            }
            catch (Exception exception)
            {
                done.SetException(exception);
                throw;
            }
        });
        if (!queued)
        {
            done.SetException(new ObjectDisposedException(nameof(SiteSimulator)));
        }

        return done.Task;
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var item in _work.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await item();
            }
#pragma warning disable CA1031 // One bad work item must not stop the simulated site; it is logged and the loop goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _logger.LogError(exception, "A simulation step failed");
            }

            await FlushPublishesAsync();
        }
    }

    private void AdvanceCore(DateTimeOffset now)
    {
        RunArrivalsAndDepartures(now);
        foreach (var evse in _evses)
        {
            evse.Simulation.AdvanceTo(now);
            PublishOutputs(evse, evse.Simulation.DrainOutputs());
            PublishPeriodic(evse, now);
        }

        foreach (var charger in _chargers)
        {
            PublishChargerPeriodic(charger, now);
        }

        FinishReboots(now);
        foreach (var instance in _instances.Values)
        {
            if (IsDown(instance))
            {
                continue;
            }

            PublishHeartbeat(instance, now);
            if (instance.Supervisor.Evaluate(_wallClock.GetUtcNow()) == CommunicationFaultChange.Raised)
            {
                _logger.LogWarning("CommunicationFault raised on {Api} {ModuleId}: no communication_check for {Timeout}", instance.Api.ToWireName(), instance.ModuleId, _options.CommunicationCheckTimeout);
                instance.FaultWarned = true;
                GroundTruth.Raise(new CommunicationFault(instance.Api.ToWireName(), instance.ModuleId, now, AtStartup: false));
            }
        }
    }

    private void RunArrivalsAndDepartures(DateTimeOffset now)
    {
        var due = _arrivals.TakeArrivals(now).Concat(_scheduledArrivals.Where(s => s.Arrival <= now)).OrderBy(s => s.Arrival).ToList();
        _scheduledArrivals.RemoveAll(s => s.Arrival <= now);
        var departures = _evses.Where(e => e.DepartureAt is { } at && at <= now).OrderBy(e => e.DepartureAt).ToList();

        // Departures first when they are earlier, so a leaving car frees its EVSE for a later arrival.
        var departureIndex = 0;
        foreach (var arrival in due)
        {
            while (departureIndex < departures.Count && departures[departureIndex].DepartureAt <= arrival.Arrival)
            {
                Depart(departures[departureIndex++]);
            }

            Arrive(arrival);
        }

        while (departureIndex < departures.Count)
        {
            Depart(departures[departureIndex++]);
        }
    }

    private void Depart(SimulatedEvse evse)
    {
        var at = evse.DepartureAt!.Value;
        evse.DepartureAt = null;
        evse.AnnouncedDepartureAt = null;
        evse.Simulation.Depart(Max(at, evse.Simulation.Now));
        PublishOutputs(evse, evse.Simulation.DrainOutputs());
    }

    private void Arrive(PlannedSession session)
    {
        var evse = ChooseEvse(session);
        if (evse is null)
        {
            GroundTruth.TurnedAway();
            return;
        }

        var at = Max(session.Arrival, evse.Simulation.Now);
        if (evse.Simulation.PlugIn(CreateVehicle(session), at))
        {
            evse.DepartureAt = session.Departure;
            evse.AnnouncedDepartureAt = session.AnnouncesDeparture ? session.Departure : null;
        }
        else
        {
            GroundTruth.TurnedAway();
        }

        PublishOutputs(evse, evse.Simulation.DrainOutputs());
    }

    private SimulatedEvse? ChooseEvse(PlannedSession session)
    {
        if (session.EvseModuleId is { } wanted)
        {
            return _evsesByModule.GetValueOrDefault(wanted);
        }

        if (session.ReservationId is { } reservation)
        {
            return _evses.FirstOrDefault(e => e.Simulation.ReservationId == reservation);
        }

        var free = _evses.Where(e => e.Simulation.State == EvseState.Unplugged).ToList();
        return free.Count == 0 ? null : free[_random.Next(free.Count)];
    }

    private SimulatedVehicle CreateVehicle(PlannedSession session)
    {
        var number = ++_vehicleCounter;
        var capacityWh = Math.Max(40_000, Math.Round(session.EnergyWh * 1.5 / 1000) * 1000);
        var roomPercent = 100 * session.EnergyWh / capacityWh;
        var initialSoc = Math.Max(0, (100 - roomPercent) * _random.NextDouble());
        var manufacturer = (CarManufacturer)_random.Next(0, 3);
        Span<byte> mac = stackalloc byte[5];
        _random.NextBytes(mac);
        var evccId = string.Create(CultureInfo.InvariantCulture, $"02:{mac[0]:X2}:{mac[1]:X2}:{mac[2]:X2}:{mac[3]:X2}:{mac[4]:X2}");
        var profile = new VehicleProfile(capacityWh, initialSoc, session.EnergyWh, session.MaxCurrentA, session.Phases, manufacturer, evccId);
        var token = new IdToken(session.IdTag ?? string.Create(CultureInfo.InvariantCulture, $"SIM{number:D6}"));
        return new SimulatedVehicle(profile, token, session.ReservationId);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The handle of <see cref="HoldAsync"/>: disposing it lets the loop go on.</summary>
    private sealed class LoopHold : IAsyncDisposable
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Released => _released.Task;

        public ValueTask DisposeAsync()
        {
            _released.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Per-charger state: OCPP transaction numbering, device model, monitors, schedule timing.</summary>
    private sealed class ChargerRuntime(SimulatedChargerOptions options, DateTimeOffset start)
    {
        public SimulatedChargerOptions Options { get; } = options;

        public DateTimeOffset NextChargingSchedulesAt { get; set; } = start;

        public int NextEventId { get; set; } = 1;

        /// <summary>The OCPP device model variables this charger knows, by "component/variable".</summary>
        public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal)
        {
            ["OCPPCommCtrlr/HeartbeatInterval"] = "60",
            ["SecurityCtrlr/Identity"] = options.Id,
            ["ChargingStation/Available"] = "true",
            ["AuthCtrlr/AuthorizeRemoteStart"] = "true",
            ["TxCtrlr/EVConnectionTimeOut"] = "120",
        };

        /// <summary>Variables the controller asked to monitor (<c>monitor_variables</c>).</summary>
        public HashSet<string> Monitored { get; } = new(StringComparer.Ordinal);
    }
}
