using Akka.Hosting;
using Everest.Site.Diagnostics;
using Everest.Site.Evse;
using Everest.Site.Site;

namespace Everest.Site.Hosting;

/// <summary>The site actor's registration on the actor system.</summary>
public static class SiteActorHosting
{
    /// <summary>The site actor's name under <c>/user</c>.</summary>
    public const string ActorName = "site";

    /// <summary>
    /// Starts the <see cref="SiteActor"/> for <paramref name="settings"/>, commanding the EVSEs through the fleet
    /// registered under <see cref="EvseFleetKey"/> (so <see cref="EvseFleetHosting.AddEvseFleet"/> comes first), and
    /// registers it under <see cref="SiteKey"/>. Allocator runs are timed in <paramref name="metrics"/> when given.
    /// </summary>
    public static AkkaConfigurationBuilder AddSiteActor(this AkkaConfigurationBuilder akka, SiteSettings settings, TimeProvider time, SiteMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(akka);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        return akka.WithActors((system, registry) =>
            registry.Register<SiteKey>(system.ActorOf(SiteActor.Props(settings, registry.Get<EvseFleetKey>(), time, metrics), ActorName)));
    }
}
