using Akka.Hosting;
using Everest.Site.Billing.Projection;
using Everest.Site.Configuration;
using Everest.Site.Diagnostics;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Firmware;
using Everest.Site.Mqtt;
using Everest.Site.Persistence;
using Everest.Site.Site;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>
/// The composition root of the controller on the .NET Generic Host: the one registration that <c>run</c>,
/// <c>demo</c> and the in-process tests share, so a test boots exactly what production runs.
/// </summary>
public static class SiteHostingExtensions
{
    /// <summary>The name of the actor system (actor paths read <c>akka://everest-site/user/…</c>).</summary>
    public const string ActorSystemName = "everest-site";

    /// <summary>The service key of the MQTT connection itself, underneath the metered view everything else uses.</summary>
    private const string MqttConnectionKey = "everest-site.mqtt-connection";

    /// <summary>
    /// Registers the whole controller for <paramref name="options"/>: the MQTT transport, the EVerest API client,
    /// decoder, request responder and communication check, and the actor system (site persistence, Akka logging
    /// through Microsoft.Extensions.Logging, the EVSE fleet in the actor registry).
    /// </summary>
    /// <remarks>
    /// Hosted services start in registration order and stop in reverse. Start: the actor system with every actor,
    /// then <see cref="SiteStartup"/> registers every MQTT subscriber and only then connects. Stop: the actor
    /// system's coordinated shutdown (communication check <c>false</c>, subscribers removed, the EVSE fleet stopped,
    /// the journal closed with the system), then <see cref="MqttShutdown"/> disconnects, then
    /// <see cref="SqliteJournalClose"/> closes a SQLite journal's file.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// EVSE ids or module ids are configured twice, or no transport is given and <c>mqtt.provider</c> does not name an
    /// external broker.
    /// </exception>
    public static IHostApplicationBuilder AddEverestSite(this IHostApplicationBuilder builder, EverestSiteOptions options, SiteHostSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        settings ??= new SiteHostSettings();
        if (settings.Transport is null && options.Mqtt.Provider != MqttProvider.External)
        {
            throw new ArgumentException(
                $"everest-site.mqtt.provider = {options.Mqtt.Provider.ToString().ToLowerInvariant()} needs a transport from the caller (the demo makes one); a controller on its own needs provider = external (a broker such as mosquitto).",
                nameof(options));
        }

        // Validated here, before anything starts: two actors for one EVSE would write two truths.
        var plan = EvseFleetPlan.From(options);
        var site = SiteSettings.From(options);
        var chargers = SystemChargerPlan.From(options);
        var firmware = FirmwareSettings.From(options);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(plan);
        services.AddSingleton(settings.TimeProvider ?? TimeProvider.System);
        services.AddSingleton(options.EverestApi);
        services.AddSingleton<SiteLifetime>();
        if (settings.Transport is { } transport)
        {
            // Registered as an instance, so the container does not dispose what the caller owns.
            services.AddKeyedSingleton(MqttConnectionKey, transport);
            services.AddSingleton(new MqttOwnership(OwnedByHost: false));
        }
        else
        {
            services.AddKeyedSingleton(MqttConnectionKey, (sp, _) => SiteTransport.Create(options.Mqtt, sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton(new MqttOwnership(OwnedByHost: true));
        }

        // Everything in the controller uses the connection through the view that counts its messages.
        services.AddSingleton<IMqttTransport>(sp => new MeteredMqttTransport(sp.GetRequiredKeyedService<IMqttTransport>(MqttConnectionKey), sp.GetRequiredService<SiteMetrics>()));
        builder.AddSiteObservability(options);

        services.AddSingleton<EverestMessageDecoder>();
        services.AddSingleton<EverestApiClient>();
        services.AddSingleton(sp => new MqttBrokerBarrier(sp.GetRequiredService<IMqttTransport>(), options.Mqtt.ClientId));
        services.AddSingleton(sp =>
        {
            var responder = ActivatorUtilities.CreateInstance<EverestRequestResponder>(sp);
            SafeRequestAnswers.Register(responder);
            return responder;
        });
        services.AddSingleton<CommunicationCheckKeeper>();

        // The broker's check is registered with the other observability checks (AddSiteObservability).
        services.AddHealthChecks().AddCheck<ActorSystemHealthCheck>("actor-system");

        services.AddSingleton(chargers);
        services.AddSingleton(firmware);
        services.AddSingleton(settings.FirmwareInstaller ?? new CommandFirmwareInstaller(firmware));

        // One client for firmware downloads and log uploads; its own timeouts are long (images are large), the
        // system actor bounds what it waits for.
        services.AddSingleton(_ => new HttpClient { Timeout = TimeSpan.FromMinutes(30) });

        // Stopped in reverse order: the actor system, then the MQTT connection, then the journal file.
        services.AddHostedService<SqliteJournalClose>();
        services.AddHostedService<MqttShutdown>();
        services.AddAkka(ActorSystemName, (akka, sp) =>
        {
            if (settings.Configuration is { } configuration)
            {
                akka.AddHocon(AkkaConfigBridge.FromConfiguration(configuration), HoconAddMode.Prepend);
            }

            akka.ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .WithSitePersistence(options.Persistence)
                .AddEvseFleet(plan, sp.GetRequiredService<EverestApiClient>(), sp.GetRequiredService<MqttBrokerBarrier>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SiteMetrics>())
                .AddSiteActor(site, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SiteMetrics>())
                .AddFirmware(chargers, firmware, fleet => new SystemServices(
                    fleet,
                    sp.GetRequiredService<EverestApiClient>(),
                    new FirmwareDownloader(sp.GetRequiredService<HttpClient>()),
                    sp.GetRequiredService<IFirmwareInstaller>(),
                    new LogUploader(sp.GetRequiredService<HttpClient>(), sp.GetRequiredService<TimeProvider>()),
                    sp.GetRequiredService<TimeProvider>()));
            settings.ConfigureAkka?.Invoke(akka, sp);
        });

        // After the actor system: it needs the registered actors, and connects only once everything listens.
        services.AddHostedService<SiteStartup>();

        // After the actor system too: the billing projection reads the journal the actor system opens.
        services.AddBilling(options);
        return builder;
    }
}
