using Everest.Site.Actors;
using Everest.Site.Actors.Persistence;
using Everest.Site.Actors.TestKit;
using Everest.Site.Configuration;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Mqtt.InMemory;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using ApiOptions = Everest.Site.EverestApi.EverestApiOptions;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// One EVSE actor on the in-memory broker and virtual time, with a <see cref="FakeEverest"/> on the other side.
/// Probes subscribed to the event stream see what the actor records (<see cref="History"/>), what it refuses
/// (<see cref="Rejections"/>) and the status it publishes (<see cref="Statuses"/>).
/// </summary>
public abstract class EvseScenario : ActorTestKit, IAsyncLifetime
{
    public const string EvseId = "cp-1-1";
    public const string ModuleId = "evse_api_cp1_1";
    public const string LimitsModuleId = "limits_api_cp1_1";
    public const string OcppModuleId = "ocpp_api_cp1";

    /// <summary>Shorter than the heartbeat timeout, so a reply timeout never coincides with going offline.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(5);

    protected EvseScenario(ITestOutputHelper output)
        : base(output, new ActorTestKitOptions { Serializer = new JsonEventSerializer().RegisterEvseHistory() })
    {
        Output = output;
        Broker = new InMemoryBroker(Sys.LoggerFactory);
        ControllerTransport = Broker.CreateClient("everest-site");
        Client = new EverestApiClient(
            ControllerTransport,
            new ApiOptions { RequestTimeout = RequestTimeout, HeartbeatTimeout = HeartbeatTimeout },
            Time,
            Sys.LoggerFactory.CreateLogger<EverestApiClient>());
        Everest = new FakeEverest(Broker.CreateClient("everest"), ModuleId, LimitsModuleId, Time);
        History = CreateTestProbe("history");
        Rejections = CreateTestProbe("rejections");
        Statuses = CreateTestProbe("statuses");
        Sys.EventStream.Subscribe<EvseHistoryAppended>(History);
        Sys.EventStream.Subscribe<EvseInputRejected>(Rejections);
        Sys.EventStream.Subscribe<EvseStatusChanged>(Statuses);
    }

    protected ITestOutputHelper Output { get; }

    protected InMemoryBroker Broker { get; }

    /// <summary>The controller's one connection, shared by the router and the API client as in the app.</summary>
    protected InMemoryMqttTransport ControllerTransport { get; }

    protected EverestApiClient Client { get; }

    protected FakeEverest Everest { get; }

    protected EvseMessageRouter Router { get; private set; } = null!;

    protected TestProbe History { get; }

    protected TestProbe Rejections { get; }

    protected TestProbe Statuses { get; }

    /// <summary>The EVSE actor the router feeds; replaced by <see cref="StartEvse"/>.</summary>
    protected IActorRef Evse { get; private set; } = null!;

    private Dictionary<string, IActorRef> RoutingTable { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, IReadOnlyList<IActorRef>> OcppRoutingTable { get; } = new(StringComparer.Ordinal);

    public static EvseActorSettings Settings(int snapshotEvery = 0, string? limitsModuleId = LimitsModuleId) => new(
        EvseId,
        ModuleId,
        limitsModuleId,
        CircuitOptions.GridId,
        PhaseRotation.L1L2L3,
        Priority: 0,
        new MeterSamplePolicy(TimeSpan.FromMinutes(5), EnergyDeltaWh: 1000),
        snapshotEvery,
        HeartbeatTimeout,
        OcppModuleId);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ControllerTransport.ConnectAsync();
        Router = new EvseMessageRouter(ControllerTransport, RoutingTable, new EverestMessageDecoder(), Sys.LoggerFactory.CreateLogger<EvseMessageRouter>(), OcppRoutingTable);
        await Router.StartAsync();
        await Everest.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Router.Dispose();
        await Everest.DisposeAsync();
        await Client.DisposeAsync();
        await ControllerTransport.DisposeAsync();

        await DisposeAsync();
    }

    /// <summary>Starts (or re-creates) the EVSE actor and routes the module's publications to it.</summary>
    protected IActorRef StartEvse(EvseActorSettings? settings = null)
    {
        var evseSettings = settings ?? Settings();
        Evse = Sys.ActorOf(Props.Create(() => new EvseActor(evseSettings, Client)), EvseActorSettings.PersistenceIdOf(evseSettings.EvseId));
        RoutingTable[evseSettings.ModuleId] = Evse;
        if (evseSettings.OcppModuleId is { } ocppModule)
        {
            OcppRoutingTable[ocppModule] = [Evse];
        }

        return Evse;
    }

    /// <summary>Stops the EVSE actor and waits until it is gone.</summary>
    protected async Task StopEvseAsync()
    {
        var watcher = CreateTestProbe();
        await watcher.WatchAsync(Evse);
        Sys.Stop(Evse);
        await watcher.ExpectTerminatedAsync(Evse);
    }

    /// <summary>The next history event the actor stored, which must be a <typeparamref name="T"/>.</summary>
    protected async Task<T> ExpectHistoryAsync<T>(Func<T, bool>? predicate = null)
        where T : IEvseHistoryEvent
    {
        var appended = await History.ExpectMsgAsync<EvseHistoryAppended>();
        Assert.True(appended.Event is T, $"Expected {typeof(T).Name} next in the history, got {appended.Event}");
        var typed = (T)appended.Event;
        Assert.True(predicate is null || predicate(typed), $"Unexpected {typed}");
        return typed;
    }

    protected async Task<EvseSnapshot> SnapshotAsync() => await Evse.Ask<EvseSnapshot>(GetEvseSnapshot.Instance, DefaultTimeout).WaitAsync(DefaultTimeout);

    /// <summary>Sends <paramref name="command"/> and returns the actor's answer.</summary>
    protected async Task<EvseCommandResult> CommandAsync(IEvseCommand command) => await Evse.Ask<EvseCommandResult>(command, DefaultTimeout).WaitAsync(DefaultTimeout);

    /// <summary>Polls the actor's snapshot (real time) until <paramref name="condition"/> holds; returns that snapshot.</summary>
    protected async Task<EvseSnapshot> AwaitSnapshotAsync(Func<EvseSnapshot, bool> condition, string description)
    {
        var deadline = DateTimeOffset.UtcNow + DefaultTimeout;
        while (true)
        {
            var snapshot = await SnapshotAsync();
            if (condition(snapshot))
            {
                return snapshot;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The EVSE actor never reached: {description}. Last snapshot: {snapshot}");
            await Task.Delay(10);
        }
    }

    /// <summary>A heartbeat that brings the EVSE online (and the get_evse exchange that follows).</summary>
    protected async Task BringOnlineAsync()
    {
        await Everest.HeartbeatAsync();
        await ExpectHistoryAsync<CameOnline>();
        await AwaitConditionAsync(() => Everest.CountReceived("get_evse") > 0, description: "the actor asks get_evse when the EVSE comes online");
    }
}
