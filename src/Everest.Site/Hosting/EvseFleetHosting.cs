using Akka.Hosting;
using Everest.Site.Diagnostics;
using Everest.Site.EverestApi;
using Everest.Site.Evse;

namespace Everest.Site.Hosting;

/// <summary>The EVSE actor family's registration on the actor system.</summary>
public static class EvseFleetHosting
{
    /// <summary>The fleet actor's name under <c>/user</c>.</summary>
    public const string ActorName = "evses";

    /// <summary>
    /// Starts the EVSE fleet (one child per EVSE of <paramref name="plan"/>, each behind a backoff supervisor) and
    /// registers it under <see cref="EvseFleetKey"/>, where <c>IRequiredActor&lt;EvseFleetKey&gt;</c> finds it. The EVSE actors
    /// send their markers through <paramref name="barrier"/> before reconciling after a restart. Journal writes are
    /// measured in <paramref name="metrics"/> when given.
    /// </summary>
    public static AkkaConfigurationBuilder AddEvseFleet(
        this AkkaConfigurationBuilder akka, EvseFleetPlan plan, EverestApiClient client, IBrokerBarrier barrier, TimeProvider time, SiteMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(akka);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(time);
        return akka.WithActors((system, registry) =>
            registry.Register<EvseFleetKey>(system.ActorOf(EvseFleetActor.Props(plan, client, barrier, time, metrics), ActorName)));
    }
}
