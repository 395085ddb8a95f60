using Akka.Actor;

namespace Everest.Site.Persistence;

/// <summary>
/// Akka serializer of the system actors' events, under the stable manifests of <see cref="SystemEventManifests"/>.
/// <see cref="SitePersistenceConfig"/> binds it to <c>ISystemEvent</c>.
/// </summary>
public sealed class SystemEventSerializer(ExtendedActorSystem system)
    : StableManifestSerializer(system, SystemEventManifests.Table)
{
    /// <summary>The serializer id stored with every system event. Fixed forever.</summary>
    public const int SerializerId = 1_704;

    public override int Identifier => SerializerId;
}
