using Akka.Actor;
using Akka.Serialization;

namespace Everest.Site.Persistence;

/// <summary>
/// An Akka serializer that stores System.Text.Json (source generated) payloads under stable manifests, never a .NET
/// type name, so renaming or moving a type cannot break recovery. Each persisted family (EVSE history, site events)
/// derives one with its own fixed <see cref="Identifier"/> and registry of types.
/// </summary>
public abstract class StableManifestSerializer : SerializerWithStringManifest
{
    private readonly PersistedTypeTable _types;

    private protected StableManifestSerializer(ExtendedActorSystem system, PersistedTypeTable types)
        : base(system)
    {
        _types = types;
    }

    public sealed override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return _types.For(o.GetType()).Manifest;
    }

    public sealed override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return _types.For(obj.GetType()).Write(obj);
    }

    public sealed override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return _types.Read(bytes, manifest);
    }
}
