using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Persistence;
using Everest.Site.Site;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// One run of the controller between a start and a crash: its own actor system on virtual time with the site's
/// persistence (the journal of <see cref="EverestSiteOptions.Persistence"/>), its own broker connection, and the EVSE
/// fleet, router and site actor booted through their <c>Props</c> as the host does. <see cref="CrashAsync"/> ends it
/// the way a killed process ends: no coordinated shutdown, nothing flushed, the connection just gone.
/// </summary>
public sealed class ControllerLife
{
    private static readonly Config VirtualTime = ConfigurationFactory.ParseString("""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        """);

    private ControllerLife(ActorSystem system, InMemoryMqttTransport transport, EverestApiClient client, EvseMessageRouter router, IActorRef fleet, IActorRef site, SiteSettings settings)
    {
        System = system;
        Transport = transport;
        Client = client;
        Router = router;
        Fleet = fleet;
        Site = site;
        Settings = settings;
    }

    public ActorSystem System { get; }

    /// <summary>The actor system's scheduler, moved together with the scenario's time provider.</summary>
    public TestScheduler Scheduler => (TestScheduler)System.Scheduler;

    public InMemoryMqttTransport Transport { get; }

    public EverestApiClient Client { get; }

    public EvseMessageRouter Router { get; }

    public IActorRef Fleet { get; }

    public IActorRef Site { get; }

    public SiteSettings Settings { get; }

    /// <summary>How long (real time) the EVSE actors and the site may take to recover their history from the journal.</summary>
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Connects to <paramref name="broker"/> as the controller and starts the fleet, the router and the site; returns
    /// once every EVSE actor and the site have recovered their history, so the caller may move virtual time.
    /// </summary>
    /// <exception cref="TimeoutException">An actor had not recovered within <see cref="RecoveryTimeout"/>.</exception>
    public static async Task<ControllerLife> StartAsync(string name, EverestSiteOptions options, InMemoryBroker broker, FakeTimeProvider time)
    {
        var system = ActorSystem.Create(name, SitePersistenceConfig.ActorSystemSetup(options.Persistence, VirtualTime));
        var transport = broker.CreateClient("everest-site");
        var client = new EverestApiClient(transport, options.EverestApi, time, NullLogger<EverestApiClient>.Instance);
        var plan = EvseFleetPlan.From(options);
        var settings = SiteSettings.From(options, TimeZoneInfo.Utc);
        var barrier = new MqttBrokerBarrier(transport, "everest-site");
        var fleet = system.ActorOf(EvseFleetActor.Props(plan, client, barrier, time), "evses");
        var router = new EvseMessageRouter(transport, fleet, plan, new EverestMessageDecoder(), NullLogger<EvseMessageRouter>.Instance, barrier: barrier);
        await router.StartAsync();

        // Connect only once the router listens, as the host does: the broker hands the session's queued messages
        // (everything EVerest said while the controller was down) over straight after the connect.
        await transport.ConnectAsync();
        var site = system.ActorOf(SiteActor.Props(settings, fleet, time), "site");
        var life = new ControllerLife(system, transport, client, router, fleet, site, settings);
        try
        {
            await life.WaitUntilRecoveredAsync();
        }
        catch (TimeoutException)
        {
            await life.CrashAsync();
            throw;
        }

        return life;
    }

    /// <summary>
    /// Waits, without moving virtual time, until every EVSE actor and the site have recovered (each answers a query
    /// only once it has). Akka times a recovery out (<c>recovery-event-timeout</c>, 30 s) on the actor system's
    /// scheduler, which here is virtual: a step of a minute taken while an actor still waits for the journal (a fresh
    /// SQLite database on a busy machine takes seconds) fails that recovery at once, the EVSE actor's restart waits
    /// for its backoff on the same virtual clock, and the site actor just stops, so nothing answers any more.
    /// </summary>
    private async Task WaitUntilRecoveredAsync()
    {
        var queries = Settings.Evses
            .Select(e => (Who: $"EVSE {e.EvseId}", Answer: (Task)Fleet.Ask<EvseSnapshot>(new EvseEnvelope(e.EvseId, GetEvseSnapshot.Instance), RecoveryTimeout)))
            .Append((Who: "the site", Answer: Site.Ask<SiteStatus>(GetSiteStatus.Instance, RecoveryTimeout)))
            .ToList();
        try
        {
            await Task.WhenAll(queries.Select(q => q.Answer));
        }
        catch (AskTimeoutException)
        {
            var silent = queries.Where(q => !q.Answer.IsCompletedSuccessfully).Select(q => q.Who);
            throw new TimeoutException($"Controller run {System.Name}: {string.Join(", ", silent)} had not recovered from the journal within {RecoveryTimeout.TotalSeconds} s.");
        }
    }

    /// <summary>
    /// Kills this run: the actor system is aborted (no coordinated shutdown, so no actor finishes what it was doing and
    /// nothing is handed over) and the broker connection drops. What the journal acknowledged before stays.
    /// </summary>
    public async Task CrashAsync()
    {
        ((ExtendedActorSystem)System).Abort();
        Router.Dispose();
        await Client.DisposeAsync();
        await Transport.DisposeAsync();
        await System.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
