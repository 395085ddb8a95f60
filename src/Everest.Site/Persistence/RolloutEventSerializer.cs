using Akka.Actor;

namespace Everest.Site.Persistence;

/// <summary>
/// Akka serializer of the firmware rollout's events and snapshot, under the stable manifests of
/// <see cref="RolloutEventManifests"/>. <see cref="SitePersistenceConfig"/> binds it to <c>IRolloutEvent</c> and
/// <c>FirmwareRolloutSnapshot</c>.
/// </summary>
public sealed class RolloutEventSerializer(ExtendedActorSystem system)
    : StableManifestSerializer(system, RolloutEventManifests.Table)
{
    /// <summary>The serializer id stored with every rollout event. Fixed forever.</summary>
    public const int SerializerId = 1_705;

    public override int Identifier => SerializerId;
}
