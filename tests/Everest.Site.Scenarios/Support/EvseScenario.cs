using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.TestKit;
using Akka.TestKit;
using Everest.Site.Configuration;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using ApiOptions = Everest.Site.EverestApi.EverestApiOptions;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// The EVSE fleet as production boots it (<see cref="EvseFleetActor.Props"/>, <see cref="EvseMessageRouter"/>, the
/// inbox and backoff supervision) on the in-memory broker and virtual time, with a <see cref="FakeEverest"/> on the
/// other side. Probes subscribed to the event stream see what the actors record (<see cref="History"/>), what they
/// refuse (<see cref="Rejections"/>) and the status they publish (<see cref="Statuses"/>).
/// </summary>
public abstract class EvseScenario : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    public const string EvseId = "cp-1-1";
    public const string ModuleId = "evse_api_cp1_1";
    public const string LimitsModuleId = "limits_api_cp1_1";
    public const string OcppModuleId = "ocpp_api_cp1";

    /// <summary>Shorter than the heartbeat timeout, so a reply timeout never coincides with going offline.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a story waits for the actors (real time; generous for a busy two-core machine).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    protected EvseScenario(ITestOutputHelper output)
        : base(ScenarioConfig, "scenario", output)
    {
        Time = new SiteTestClock((TestScheduler)Sys.Scheduler);
        JournalWrites = new SerializingJournalInterceptor(Sys);
        Broker = new InMemoryBroker();
        ControllerTransport = Broker.CreateClient("everest-site");
        Client = new EverestApiClient(
            ControllerTransport,
            new ApiOptions { RequestTimeout = RequestTimeout, HeartbeatTimeout = HeartbeatTimeout },
            Time.Provider,
            NullLogger<EverestApiClient>.Instance);
        Barrier = new HeldBrokerBarrier(ControllerTransport, "everest-site");
        Everest = new FakeEverest(Broker.CreateClient("everest"), ModuleId, LimitsModuleId, Time.Provider);
        History = CreateTestProbe("history");
        Rejections = CreateTestProbe("rejections");
        Statuses = CreateTestProbe("statuses");
        Sys.EventStream.Subscribe(History.Ref, typeof(EvseHistoryAppended));
        Sys.EventStream.Subscribe(Rejections.Ref, typeof(EvseInputRejected));
        Sys.EventStream.Subscribe(Statuses.Ref, typeof(EvseStatusChanged));
    }

    /// <summary>
    /// Virtual time for the actors' scheduler; the site's in-memory persistence settings (serializer bindings, tagging
    /// adapter) with Akka's test journal in place of the in-memory one, so a story can make writes fail on demand.
    /// </summary>
    public static Config ScenarioConfig { get; } = ConfigurationFactory.ParseString($$"""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.test.single-expect-default = 15s
        akka.loglevel = INFO
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
          event-adapters { evse-tags = "{{typeof(EvseHistoryTagging).FullName}}, {{typeof(EvseHistoryTagging).Assembly.GetName().Name}}" }
          event-adapter-bindings {
            "{{typeof(IEvseHistoryEvent).FullName}}, {{typeof(IEvseHistoryEvent).Assembly.GetName().Name}}" = evse-tags
            "{{typeof(Tagged).FullName}}, {{typeof(Tagged).Assembly.GetName().Name}}" = evse-tags
          }
        }
        """).WithFallback(SitePersistenceConfig.For(new PersistenceOptions { Provider = PersistenceProvider.Memory, Recovery = { MaxConcurrent = 16 } }));

    /// <summary>Every write the journal accepted, serialized and read back by the site's serializer.</summary>
    protected SerializingJournalInterceptor JournalWrites { get; }

    protected SiteTestClock Time { get; }

    protected InMemoryBroker Broker { get; }

    /// <summary>The controller's one connection, shared by the router and the API client as in the app.</summary>
    protected InMemoryMqttTransport ControllerTransport { get; }

    /// <summary>The markers the EVSE actors send themselves through the broker before reconciling; a story may hold them.</summary>
    internal HeldBrokerBarrier Barrier { get; }

    protected EverestApiClient Client { get; }

    protected FakeEverest Everest { get; }

    protected TestProbe History { get; }

    protected TestProbe Rejections { get; }

    protected TestProbe Statuses { get; }

    /// <summary>The running fleet's plan; set by <see cref="StartFleetAsync"/>.</summary>
    protected EvseFleetPlan Plan { get; private set; } = null!;

    /// <summary>The running fleet actor; set by <see cref="StartFleetAsync"/>.</summary>
    protected IActorRef Fleet { get; private set; } = ActorRefs.Nobody;

    /// <summary>The running router; set by <see cref="StartFleetAsync"/>.</summary>
    protected EvseMessageRouter Router { get; private set; } = null!;

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

    public async Task InitializeAsync()
    {
        await RestoreTheJournalAsync();
        await ControllerTransport.ConnectAsync();
        await Everest.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Router?.Dispose();
        await Everest.DisposeAsync();
        await Client.DisposeAsync();
        await ControllerTransport.DisposeAsync();
    }

    /// <summary>Boots the fleet of one EVSE (<see cref="EvseId"/>) the way the host does and waits until its actor is ready.</summary>
    protected Task StartEvseAsync(EvseActorSettings? settings = null, EvseInboxSettings? inbox = null) =>
        StartFleetAsync(new EvseFleetPlan([settings ?? Settings()], inbox));

    /// <summary>Boots <paramref name="plan"/> through <see cref="EvseFleetActor.Props"/> and a router on the controller's connection; waits until every EVSE actor is ready.</summary>
    protected async Task StartFleetAsync(EvseFleetPlan plan)
    {
        Plan = plan;
        Fleet = Sys.ActorOf(EvseFleetActor.Props(plan, Client, Barrier, Time.Provider), "evse-fleet");
        Router = new EvseMessageRouter(ControllerTransport, Fleet, plan, new EverestMessageDecoder(time: Time.Provider), NullLogger<EvseMessageRouter>.Instance, barrier: Barrier.Inner);
        await Router.StartAsync();
        foreach (var evse in plan.Evses)
        {
            await AwaitInboxAsync(evse.EvseId, s => s.ActorReady, "the EVSE actor has recovered and takes deliveries");
        }
    }

    /// <summary>Stops the router and the fleet (as a controller shutdown does) and waits until the fleet is gone.</summary>
    protected async Task StopFleetAsync()
    {
        Router.Dispose();
        var watcher = CreateTestProbe();
        await watcher.WatchAsync(Fleet);
        Sys.Stop(Fleet);
        await watcher.ExpectTerminatedAsync(Fleet);
    }

    /// <summary>Asks the EVSE entity <paramref name="evseId"/> through the fleet, as the site and the HTTP API do.</summary>
    protected Task<T> AskEvseAsync<T>(object message, string evseId = EvseId, TimeSpan? timeout = null) =>
        Fleet.Ask<T>(new EvseEnvelope(evseId, message), timeout ?? Patience);

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

    /// <summary>The next <paramref name="count"/> rejections published.</summary>
    protected async Task<IReadOnlyList<EvseInputRejected>> ExpectRejectionsAsync(int count)
    {
        var rejected = new List<EvseInputRejected>();
        for (var i = 0; i < count; i++)
        {
            rejected.Add(await Rejections.ExpectMsgAsync<EvseInputRejected>());
        }

        return rejected;
    }

    protected Task<EvseSnapshot> SnapshotAsync(string evseId = EvseId) => AskEvseAsync<EvseSnapshot>(GetEvseSnapshot.Instance, evseId);

    protected Task<EvseInboxStatus> InboxAsync(string evseId = EvseId) => AskEvseAsync<EvseInboxStatus>(GetEvseInboxStatus.Instance, evseId);

    /// <summary>Sends <paramref name="command"/> and returns the actor's answer.</summary>
    protected Task<EvseCommandResult> CommandAsync(IEvseCommand command) => AskEvseAsync<EvseCommandResult>(command);

    /// <summary>Polls the actor's snapshot (real time) until <paramref name="condition"/> holds; returns that snapshot.</summary>
    protected Task<EvseSnapshot> AwaitSnapshotAsync(Func<EvseSnapshot, bool> condition, string description) =>
        PollAsync(() => SnapshotAsync(), condition, $"The EVSE actor never reached: {description}");

    /// <summary>Polls the EVSE's inbox (real time) until <paramref name="condition"/> holds; returns that status.</summary>
    protected Task<EvseInboxStatus> AwaitInboxAsync(string evseId, Func<EvseInboxStatus, bool> condition, string description) =>
        PollAsync(() => InboxAsync(evseId), condition, $"The inbox of {evseId} never reached: {description}");

    /// <summary>
    /// A heartbeat that brings the EVSE online, and the get_evse exchange that follows, to its end: EVerest's answer
    /// (the EVSE number) is part of the status the actor publishes, so a story that begins before it arrives would see
    /// a status change it did not cause, at whatever moment the answer lands.
    /// </summary>
    protected async Task BringOnlineAsync()
    {
        await Everest.HeartbeatAsync();
        await ExpectHistoryAsync<CameOnline>();
        await AwaitConditionAsync(() => Everest.CountReceived("get_evse") > 0, Patience, "the actor asks get_evse when the EVSE comes online");
        await AwaitSnapshotAsync(s => s.Live.Evse is not null, "EVerest's get_evse answer reached the actor");
    }

    /// <summary>From now on every write fails, as when the database is gone.</summary>
    protected async Task BreakTheJournalAsync() => await TestJournal.FromRef(JournalRef).OnWrite.Fail();

    /// <summary>Writes go through the site's serializer again (and are kept in <see cref="JournalWrites"/>).</summary>
    protected async Task RestoreTheJournalAsync() => await TestJournal.FromRef(JournalRef).OnWrite.SetInterceptorAsync(JournalWrites);

    /// <summary>The journal of the actor system, for failures on demand.</summary>
    protected IActorRef JournalRef => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);

    /// <summary>Everything the journal holds for <paramref name="persistenceId"/>, in order, as the journal replays it.</summary>
    protected async Task<IReadOnlyList<IPersistentRepresentation>> ReadJournalAsync(string persistenceId)
    {
        var reader = CreateTestProbe();
        JournalRef.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, reader.Ref), reader.Ref);
        var stored = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (await reader.ExpectMsgAsync<object>())
            {
                case ReplayedMessage replayed:
                    stored.Add(replayed.Persistent);
                    break;
                case RecoverySuccess:
                    return stored;
                case var other:
                    Assert.Fail($"The journal answered a replay with {other}");
                    break;
            }
        }
    }

    /// <summary>The newest snapshot stored for <paramref name="persistenceId"/>, or null.</summary>
    protected async Task<SelectedSnapshot?> LoadSnapshotAsync(string persistenceId)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var result = await store.Ask<LoadSnapshotResult>(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), Patience);
        return result.Snapshot;
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string failure)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"{failure}. Last: {value}");
            await Task.Delay(10);
        }
    }
}
