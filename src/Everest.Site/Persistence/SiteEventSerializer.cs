using Akka.Actor;

namespace Everest.Site.Persistence;

/// <summary>
/// Akka serializer of the site actor's events, under the stable manifests of <see cref="SiteEventManifests"/>.
/// <see cref="SitePersistenceConfig"/> binds it to <c>ISiteEvent</c>.
/// </summary>
public sealed class SiteEventSerializer(ExtendedActorSystem system)
    : StableManifestSerializer(system, SiteEventManifests.Table)
{
    /// <summary>The serializer id stored with every site event. Fixed forever, like <see cref="EvseHistorySerializer.SerializerId"/>.</summary>
    public const int SerializerId = 1_702;

    public override int Identifier => SerializerId;
}
