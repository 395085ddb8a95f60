using Akka.Actor;
using Akka.Hosting;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Hosting;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Tests.Hosting;

/// <summary>
/// The production registration (<see cref="SiteHostingExtensions.AddEverestSite"/>) booted on a Generic Host inside
/// the test process, with the test's MQTT transport (an in-memory double or a client of a real mosquitto). It is
/// the composition <c>run</c> and <c>demo</c> use, not a copy: what a test finds here is what production wires.
/// Disposing without <see cref="StopAsync"/> ends it the way a crash would (no farewell to EVerest).
/// </summary>
internal sealed class InProcessSite : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);

    private readonly IHost host;

    private InProcessSite(IHost host)
    {
        this.host = host;
    }

    public IServiceProvider Services => host.Services;

    public ActorSystem System => Services.GetRequiredService<ActorSystem>();

    /// <summary>The EVSE fleet, looked up the way production code does: through the actor registry.</summary>
    public IActorRef Fleet => Services.GetRequiredService<IRequiredActor<EvseFleetKey>>().ActorRef;

    public EvseFleetPlan Plan => Services.GetRequiredService<EvseFleetPlan>();

    public CommunicationCheckKeeper CommunicationCheck => Services.GetRequiredService<CommunicationCheckKeeper>();

    public EverestRequestResponder Responder => Services.GetRequiredService<EverestRequestResponder>();

    public SiteLifetime Lifetime => Services.GetRequiredService<SiteLifetime>();

    /// <summary>Fires when the host begins to stop, whoever asked.</summary>
    public CancellationToken Stopping => Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>Builds and starts the site; start-up failures propagate as they would in <c>run</c>.</summary>
    public static async Task<InProcessSite> StartAsync(
        EverestSiteOptions options,
        IMqttTransport? transport,
        IConfiguration? configuration = null,
        ILoggerProvider? logs = null,
        Action<AkkaConfigurationBuilder, IServiceProvider>? configureAkka = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddEverestSite(options, new SiteHostSettings { Transport = transport, Configuration = configuration, ConfigureAkka = configureAkka });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // What did start (the actor system) is stopped, as 'run' does after a failed start.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token);
            await ((IAsyncDisposable)host).DisposeAsync();
            throw;
        }

        return new InProcessSite(host);
    }

    /// <summary>The snapshot of one EVSE, asked through the fleet by EVSE id.</summary>
    public Task<EvseSnapshot> SnapshotAsync(string evseId) =>
        Fleet.Ask<EvseSnapshot>(new EvseEnvelope(evseId, GetEvseSnapshot.Instance), AskTimeout);

    /// <summary>The orderly stop <c>run</c> performs on SIGTERM.</summary>
    public Task StopAsync() => host.StopAsync();

    public ValueTask DisposeAsync() => ((IAsyncDisposable)host).DisposeAsync();
}
