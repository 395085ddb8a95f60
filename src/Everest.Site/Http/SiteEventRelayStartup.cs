using Akka.Actor;
using Everest.Site.Configuration;
using Microsoft.Extensions.Hosting;

namespace Everest.Site.Http;

/// <summary>Starts the <see cref="SiteEventRelay"/> once the actor system runs; it stops with the actor system.</summary>
internal sealed class SiteEventRelayStartup(ActorSystem system, SiteEventHub hub, EverestSiteOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        system.ActorOf(SiteEventRelay.Props(hub, options.SiteId), "http-events");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
