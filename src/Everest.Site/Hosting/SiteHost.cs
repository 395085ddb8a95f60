using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting.Logging;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Persistence;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>
/// The composition root of the controller: persistence, the actor system, the MQTT transport, the EVerest API
/// client, the EVSE actors, the communication-check keeper and the responder to EVerest's system requests,
/// started in that order by <see cref="StartAsync"/> and stopped in reverse by <see cref="StopAsync"/>.
/// <c>everest-site run</c>, <c>everest-site demo</c> and in-process tests all start the controller through it.
/// </summary>
public sealed partial class SiteHost : IAsyncDisposable
{
    private readonly ILogger logger;
    private readonly Lock gate = new();

    /// <summary>True when the host made the transport and therefore disconnects and disposes it.</summary>
    private readonly bool ownsTransport;

    /// <summary>Set by the first <see cref="StopAsync"/> or <see cref="DisposeAsync"/>; later calls wait for that one.</summary>
    private Task? stopping;

    private SiteHost(
        EverestSiteOptions options,
        ActorSystem system,
        IMqttTransport transport,
        bool ownsTransport,
        EverestApiClient client,
        EvseFleetPlan plan,
        IActorRef fleet,
        EvseMessageRouter router,
        EverestRequestResponder responder,
        CommunicationCheckKeeper communicationCheck,
        ILogger logger)
    {
        Options = options;
        System = system;
        Transport = transport;
        this.ownsTransport = ownsTransport;
        Client = client;
        Plan = plan;
        Fleet = fleet;
        Router = router;
        Responder = responder;
        CommunicationCheck = communicationCheck;
        this.logger = logger;
    }

    public EverestSiteOptions Options { get; }

    public ActorSystem System { get; }

    public IMqttTransport Transport { get; }

    public EverestApiClient Client { get; }

    /// <summary>The configured EVSEs.</summary>
    public EvseFleetPlan Plan { get; }

    /// <summary>The EVSE fleet actor; send it <see cref="EvseEnvelope"/>s.</summary>
    public IActorRef Fleet { get; }

    /// <summary>Feeds the fleet with what EVerest publishes.</summary>
    public EvseMessageRouter Router { get; }

    /// <summary>Answers EVerest's requests on the system (and OCPP consumer) API instances.</summary>
    public EverestRequestResponder Responder { get; }

    /// <summary>Publishes <c>true</c> on every API instance in use; <c>false</c> on <see cref="StopAsync"/>.</summary>
    public CommunicationCheckKeeper CommunicationCheck { get; }

    /// <summary>How many EVSEs are configured (and have an actor).</summary>
    public int EvseCount => Plan.Evses.Count;

    /// <summary>
    /// Starts the whole controller for <paramref name="options"/>.
    /// </summary>
    /// <param name="options">Validated site options.</param>
    /// <param name="transport">
    /// The MQTT connection to use (e.g. a client of an in-memory broker); the caller keeps ownership. Null makes
    /// one from <c>mqtt</c>, which must then name a broker outside the process (<c>provider = external</c>).
    /// </param>
    /// <param name="loggerFactory">Where every component logs.</param>
    /// <param name="timeProvider">The clock of the actors, the API timeouts and the communication check.</param>
    /// <param name="cancellationToken">Abandons the start-up.</param>
    /// <exception cref="MqttException">The broker refused us for good (credentials, TLS); <see cref="MqttException.IsTransient"/> is false.</exception>
    /// <exception cref="ArgumentException">No transport given and <c>mqtt.provider</c> is not <c>external</c>, or EVSE or module ids are duplicated.</exception>
    public static async Task<SiteHost> StartAsync(
        EverestSiteOptions options,
        IMqttTransport? transport,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (transport is null && options.Mqtt.Provider != MqttProvider.External)
        {
            throw new ArgumentException(
                $"everest-site.mqtt.provider = {options.Mqtt.Provider.ToString().ToLowerInvariant()} needs a transport from the caller (the demo makes one); a controller on its own needs provider = external.",
                nameof(options));
        }

        var logger = loggerFactory.CreateLogger<SiteHost>();
        var apiOptions = LibrarySettings.ForEverestApi(options.EverestApi);

        // Everything started so far, disposed in reverse if a later step fails, so a failed start leaves nothing running.
        var started = new Stack<IAsyncDisposable>();
        try
        {
            var plan = EvseFleetPlan.From(options);
            // The site's journal and serializer; Akka's own log lines go through the same logger factory as ours
            // (stdout stays for the running line).
            var akkaSetup = SitePersistenceConfig.ActorSystemSetup(
                    options.Persistence,
                    ConfigurationFactory.ParseString("akka.loggers = [\"Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting\"]\nakka.stdout-loglevel = WARNING\nakka.loglevel = WARNING"))
                .And(new LoggerFactorySetup(loggerFactory));
            var system = ActorSystem.Create(string.IsNullOrEmpty(options.SiteId) ? "everest-site" : options.SiteId, akkaSetup);
            started.Push(new DisposableAdapter(system));

            var ownsTransport = transport is null;
            transport ??= new MqttNetTransport(LibrarySettings.ForMqttClient(options.Mqtt), loggerFactory);
            if (ownsTransport)
            {
                started.Push(transport);
            }

            var client = new EverestApiClient(transport, apiOptions, timeProvider, loggerFactory.CreateLogger<EverestApiClient>());
            started.Push(client);

            var fleet = system.ActorOf(EvseFleetActor.Props(plan, client, timeProvider), "evse-fleet");
            var router = new EvseMessageRouter(transport, fleet, plan, new EverestMessageDecoder(loggerFactory.CreateLogger<EverestMessageDecoder>()), loggerFactory.CreateLogger<EvseMessageRouter>());
            await router.StartAsync(cancellationToken).ConfigureAwait(false);
            started.Push(new DisposableAdapter(router));

            var responder = new EverestRequestResponder(transport, apiOptions, timeProvider, loggerFactory.CreateLogger<EverestRequestResponder>());
            started.Push(responder);
            SafeRequestAnswers.Register(responder);
            foreach (var (api, moduleId) in ApiInstances.Answered(options))
            {
                await responder.AddInstanceAsync(api, moduleId, cancellationToken).ConfigureAwait(false);
            }

            var keeper = new CommunicationCheckKeeper(transport, apiOptions, timeProvider, loggerFactory.CreateLogger<CommunicationCheckKeeper>());
            started.Push(keeper);
            foreach (var (api, moduleId) in ApiInstances.InUse(options))
            {
                keeper.Add(api, moduleId);
            }

            // Connect only now that every subscriber is registered: on a restart the broker hands over what it queued
            // for our persistent session as soon as the connection is accepted, and a message nobody listens to yet
            // would be acknowledged and lost (a transaction that started or ended while we were down).
            await ConnectAsync(transport, options.Mqtt, logger, cancellationToken).ConfigureAwait(false);
            keeper.Start();
            var host = new SiteHost(options, system, transport, ownsTransport, client, plan, fleet, router, responder, keeper, logger);
            LogStarted(logger, options.SiteId, host.EvseCount, keeper.Topics.Count);
            return host;
        }
        catch
        {
            while (started.TryPop(out var component))
            {
                await DisposeQuietlyAsync(component, logger).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Orderly shutdown: communication check <c>false</c> on every instance (EVerest stops supervising us), actors
    /// stopped, persistence flushed and closed, MQTT disconnected. Safe to call more than once.
    /// </summary>
    public Task StopAsync()
    {
        lock (gate)
        {
            return stopping ??= StopCoreAsync(orderly: true);
        }
    }

    /// <summary>
    /// Stops without telling EVerest (no communication check <c>false</c>), as if the controller vanished; after
    /// <see cref="StopAsync"/> it only waits for that to finish.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Task task;
        lock (gate)
        {
            task = stopping ??= StopCoreAsync(orderly: false);
        }

        await task.ConfigureAwait(false);
    }

    private async Task StopCoreAsync(bool orderly)
    {
        LogStopping(logger, orderly);
        if (orderly)
        {
            // Bounded: with the broker away the publish could otherwise hold the shutdown up.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await CommunicationCheck.ShutdownAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or MqttException)
            {
                LogCommunicationCheckNotEnded(logger, e.Message);
            }
        }

        await DisposeQuietlyAsync(CommunicationCheck, logger).ConfigureAwait(false);
        await DisposeQuietlyAsync(Responder, logger).ConfigureAwait(false);
        Router.Dispose();
        await System.Terminate().ConfigureAwait(false);
        await DisposeQuietlyAsync(Client, logger).ConfigureAwait(false);

        if (ownsTransport)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Transport.DisconnectAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or MqttException)
            {
                LogDisconnectFailed(logger, e.Message);
            }

            await DisposeQuietlyAsync(Transport, logger).ConfigureAwait(false);
        }

        LogStopped(logger);
    }

    private static async Task ConnectAsync(IMqttTransport transport, MqttOptions mqtt, ILogger logger, CancellationToken cancellationToken)
    {
        if (transport.State == MqttConnectionState.Connected)
        {
            return;
        }

        try
        {
            await transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MqttException e) when (e.IsTransient)
        {
            // The transport keeps trying and subscribes again on connect; the controller starts regardless so that
            // it is ready the moment the broker is.
            LogBrokerUnreachable(logger, mqtt.Host, mqtt.Port, e.Message);
        }
    }

    private static async Task DisposeQuietlyAsync(IAsyncDisposable component, ILogger logger)
    {
        try
        {
            await component.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Shutdown goes on: one component failing to close must not keep the others (e.g. the journal) open.
            LogDisposeFailed(logger, component.GetType().Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteId} started: {EvseCount} EVSEs, communication check on {InstanceCount} API instances")]
    private static partial void LogStarted(ILogger logger, string siteId, int evseCount, int instanceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} not reachable at start ({Reason}); starting anyway, the connection is retried in the background")]
    private static partial void LogBrokerUnreachable(ILogger logger, string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping the site (orderly: {Orderly})")]
    private static partial void LogStopping(ILogger logger, bool orderly);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell EVerest that the controller stops ({Reason}); it will raise a CommunicationFault")]
    private static partial void LogCommunicationCheckNotEnded(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT disconnect did not complete cleanly: {Reason}")]
    private static partial void LogDisconnectFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Component} failed while stopping")]
    private static partial void LogDisposeFailed(ILogger logger, string component, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Site stopped")]
    private static partial void LogStopped(ILogger logger);

    /// <summary>Lets the fleet (synchronously disposable) be unwound with the other components after a failed start.</summary>
    private sealed class DisposableAdapter(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
