using Akka;
using Akka.Actor;
using Akka.Hosting;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Firmware;
using Everest.Site.Mqtt;
using Everest.Site.Site;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>
/// The last step of start-up, after the actor system: registers every MQTT subscriber (the EVSE router, the
/// CSMS schedule listener when <c>grid.use-csms-schedules</c> is on, the responder to EVerest's requests, the
/// communication check), then connects, and hooks the orderly stop of each
/// into the actor system's coordinated shutdown.
/// </summary>
internal sealed partial class SiteStartup(
    IRequiredActor<EvseFleetKey> requiredFleet,
    IRequiredActor<SiteKey> requiredSite,
    IRequiredActor<FirmwareKey> requiredFirmware,
    IReadOnlyList<SystemChargerPlan> chargers,
    ActorSystem system,
    EverestSiteOptions options,
    EvseFleetPlan plan,
    IMqttTransport transport,
    EverestMessageDecoder decoder,
    MqttBrokerBarrier barrier,
    EverestRequestResponder responder,
    CommunicationCheckKeeper keeper,
    SiteLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService
{
    /// <summary>How long the communication check <c>false</c> may take: with the broker away it could otherwise hold the shutdown up.</summary>
    private static readonly TimeSpan FarewellTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long the EVSE actors get to finish what they are persisting when the site stops.</summary>
    private static readonly TimeSpan FleetStopTimeout = TimeSpan.FromSeconds(10);

    private readonly ILogger logger = loggerFactory.CreateLogger<SiteStartup>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.Watch(system);

        // Throws MissingActorRegistryEntryException when no fleet was registered: a site without its EVSE actors
        // must not start and route into dead letters.
        var fleet = requiredFleet.ActorRef;
        var router = new EvseMessageRouter(transport, fleet, plan, decoder, loggerFactory.CreateLogger<EvseMessageRouter>(), time, barrier);
        await router.StartAsync(cancellationToken).ConfigureAwait(false);
        var csms = options.Grid.UseCsmsSchedules ? new CsmsScheduleListener(transport, requiredSite.ActorRef, decoder, options) : null;
        if (csms is { HasStations: true })
        {
            await csms.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        var firmware = requiredFirmware.ActorRef;
        var systemRouter = new SystemMessageRouter(transport, firmware, chargers, loggerFactory.CreateLogger<SystemMessageRouter>(), time);
        await systemRouter.StartAsync(cancellationToken).ConfigureAwait(false);
        SystemRequestHandlers.Register(responder, firmware, chargers);
        foreach (var (api, moduleId) in ApiInstances.Answered(options))
        {
            await responder.AddInstanceAsync(api, moduleId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (api, moduleId) in ApiInstances.InUse(options))
        {
            keeper.Add(api, moduleId);
        }

        AddShutdownTasks(router, systemRouter, csms, fleet);

        // Connect only now that every subscriber is registered: on a restart the broker hands over what it queued
        // for our persistent session as soon as the connection is accepted, and a message nobody listens to yet
        // would be acknowledged and lost (a transaction that started or ended while we were down).
        await ConnectAsync(cancellationToken).ConfigureAwait(false);
        keeper.Start();
        LogStarted(logger, options.SiteId, plan.Evses.Count, keeper.Topics.Count);
    }

    /// <summary>Nothing to do here: the actor system's coordinated shutdown stops what <see cref="StartAsync"/> started.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void AddShutdownTasks(EvseMessageRouter router, SystemMessageRouter systemRouter, CsmsScheduleListener? csms, IActorRef fleet)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "everest-communication-check-false", async () =>
        {
            // Only an orderly stop of the host says goodbye: an actor system that died on its own must leave
            // EVerest supervising us, so that it raises its CommunicationFault while the controller is gone.
            if (shutdown.ShutdownReason is CoordinatedShutdown.ClrExitReason)
            {
                LogStopping(logger);
                using var timeout = new CancellationTokenSource(FarewellTimeout);
                try
                {
                    await keeper.ShutdownAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or MqttException)
                {
                    LogCommunicationCheckNotEnded(logger, e.Message);
                }
            }

            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "everest-stop-routing", async () =>
        {
            router.Dispose();
            csms?.Dispose();
            systemRouter.Dispose();
            await keeper.DisposeAsync().ConfigureAwait(false);
            await responder.DisposeAsync().ConfigureAwait(false);
            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "everest-stop-evse-fleet", async () =>
        {
            try
            {
                await fleet.GracefulStop(FleetStopTimeout).ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                LogFleetStopTimedOut(logger, FleetStopTimeout);
            }

            return Done.Instance;
        });
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
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
            LogBrokerUnreachable(logger, options.Mqtt.Host, options.Mqtt.Port, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteId} started: {EvseCount} EVSEs, communication check on {InstanceCount} API instances")]
    private static partial void LogStarted(ILogger logger, string siteId, int evseCount, int instanceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} not reachable at start ({Reason}); waiting for it, the connection is retried in the background")]
    private static partial void LogBrokerUnreachable(ILogger logger, string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping the site: communication check false on every API instance")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell EVerest that the controller stops ({Reason}); it will raise a CommunicationFault")]
    private static partial void LogCommunicationCheckNotEnded(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The EVSE actors did not stop within {Timeout}; the actor system stops them")]
    private static partial void LogFleetStopTimedOut(ILogger logger, TimeSpan timeout);
}
