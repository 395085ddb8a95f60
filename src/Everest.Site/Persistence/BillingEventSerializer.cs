using Akka.Actor;

namespace Everest.Site.Persistence;

/// <summary>
/// Akka serializer of the billing events (operator corrections), under the stable manifests of
/// <see cref="BillingEventManifests"/>. <see cref="SitePersistenceConfig"/> binds it to <c>SessionCorrected</c>.
/// </summary>
public sealed class BillingEventSerializer(ExtendedActorSystem system)
    : StableManifestSerializer(system, BillingEventManifests.Table)
{
    /// <summary>The serializer id stored with every billing event. Fixed forever, like <see cref="EvseHistorySerializer.SerializerId"/>.</summary>
    public const int SerializerId = 1_703;

    public override int Identifier => SerializerId;
}
