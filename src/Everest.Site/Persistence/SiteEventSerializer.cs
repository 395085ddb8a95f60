using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Everest.Site.Persistence;

/// <summary>
/// Akka serializer of the site actor's events: System.Text.Json (source generated) payloads under the stable
/// manifests of <see cref="SiteEventManifests"/>, never a .NET type name. <see cref="SitePersistenceConfig"/> binds it
/// to <c>ISiteEvent</c>.
/// </summary>
public sealed class SiteEventSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id stored with every site event. Fixed forever, like <see cref="EvseHistorySerializer.SerializerId"/>.</summary>
    public const int SerializerId = 1_702;

    public SiteEventSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => SerializerId;

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Describe(o).Manifest;
    }

    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Describe(obj).Write(obj);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!SiteEventManifests.TryGet(manifest, out var persisted))
        {
            throw new SerializationException(
                $"SiteEventSerializer cannot read manifest '{manifest}': no site event type is stored under it. " +
                "A manifest that was ever written must stay registered in SiteEventManifests.");
        }

        try
        {
            return persisted.Read(bytes);
        }
        catch (JsonException e)
        {
            throw new SerializationException($"SiteEventSerializer cannot read a '{manifest}' payload: {e.Message}", e);
        }
    }

    private static PersistedType Describe(object o) =>
        SiteEventManifests.TryGet(o.GetType(), out var persisted)
            ? persisted
            : throw new SerializationException($"SiteEventSerializer has no manifest for {o.GetType().FullName}; register it in SiteEventManifests.");
}
