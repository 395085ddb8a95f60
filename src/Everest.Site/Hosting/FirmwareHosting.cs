using Akka.Hosting;
using Everest.Site.Evse;
using Everest.Site.Firmware;

namespace Everest.Site.Hosting;

/// <summary>The firmware rollout's registration on the actor system.</summary>
public static class FirmwareHosting
{
    /// <summary>The rollout actor's name under <c>/user</c>; the system actors are its children.</summary>
    public const string ActorName = "firmware";

    /// <summary>
    /// Starts the <see cref="FirmwareRolloutActor"/> with one <see cref="SystemActor"/> per charger, commanding EVSEs
    /// through the fleet registered under <see cref="EvseFleetKey"/> (so the fleet comes first), and registers it
    /// under <see cref="FirmwareKey"/>.
    /// </summary>
    public static AkkaConfigurationBuilder AddFirmware(this AkkaConfigurationBuilder akka, IReadOnlyList<SystemChargerPlan> chargers, FirmwareSettings settings, Func<Akka.Actor.IActorRef, SystemServices> services)
    {
        ArgumentNullException.ThrowIfNull(akka);
        ArgumentNullException.ThrowIfNull(chargers);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        return akka.WithActors((system, registry) =>
            registry.Register<FirmwareKey>(system.ActorOf(FirmwareRolloutActor.Props(chargers, settings, services(registry.Get<EvseFleetKey>())), ActorName)));
    }
}
