using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Everest.Site.Persistence;

/// <summary>
/// Akka serializer of the EVSE history events and the EVSE history snapshot: System.Text.Json (source generated)
/// payloads under the stable manifests of <see cref="EvseHistoryManifests"/>. The journal stores the manifest and
/// <see cref="Identifier"/> beside each payload, never a .NET type name, so renaming or moving a type cannot break
/// recovery. <see cref="SitePersistenceConfig"/> binds it to <c>IEvseHistoryEvent</c> and <c>EvseHistoryState</c>.
/// </summary>
public sealed class EvseHistorySerializer : SerializerWithStringManifest
{
    /// <summary>
    /// The serializer id stored with every event and snapshot. Fixed forever: a stored row names its serializer by this
    /// number, so changing it makes existing history unreadable. Akka reserves 0–100 for its own serializers.
    /// </summary>
    public const int SerializerId = 1_701;

    public EvseHistorySerializer(ExtendedActorSystem system)
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
        if (!EvseHistoryManifests.TryGet(manifest, out var persisted))
        {
            throw new SerializationException(
                $"EvseHistorySerializer cannot read manifest '{manifest}': no EVSE history type is stored under it. " +
                "A manifest that was ever written must stay registered in EvseHistoryManifests.");
        }

        try
        {
            return persisted.Read(bytes);
        }
        catch (JsonException e)
        {
            throw new SerializationException($"EvseHistorySerializer cannot read a '{manifest}' payload: {e.Message}", e);
        }
    }

    private static PersistedType Describe(object o) =>
        EvseHistoryManifests.TryGet(o.GetType(), out var persisted)
            ? persisted
            : throw new SerializationException(
                $"EvseHistorySerializer has no manifest for {o.GetType().FullName}; register it in EvseHistoryManifests.");
}
