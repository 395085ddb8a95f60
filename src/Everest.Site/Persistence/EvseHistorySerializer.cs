using Akka.Actor;

namespace Everest.Site.Persistence;

/// <summary>
/// Akka serializer of the EVSE history events and the EVSE history snapshot, under the stable manifests of
/// <see cref="EvseHistoryManifests"/>. <see cref="SitePersistenceConfig"/> binds it to <c>IEvseHistoryEvent</c> and
/// <c>EvseHistoryState</c>.
/// </summary>
public sealed class EvseHistorySerializer(ExtendedActorSystem system)
    : StableManifestSerializer(system, EvseHistoryManifests.Table)
{
    /// <summary>
    /// The serializer id stored with every event and snapshot. Fixed forever: a stored row names its serializer by this
    /// number, so changing it makes existing history unreadable. Akka reserves 0–100 for its own serializers.
    /// </summary>
    public const int SerializerId = 1_701;

    public override int Identifier => SerializerId;
}
