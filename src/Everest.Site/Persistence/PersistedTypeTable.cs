using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;

namespace Everest.Site.Persistence;

/// <summary>
/// The registry behind one <see cref="StableManifestSerializer"/>: every persisted type with the manifest it is stored
/// under, looked up both ways. Errors name the manifest or type and the registry to fix, so a missing registration is
/// found at the first write or read rather than in a corrupt journal.
/// </summary>
internal sealed class PersistedTypeTable
{
    private readonly string _registry;
    private readonly FrozenDictionary<Type, PersistedType> _byType;
    private readonly FrozenDictionary<string, PersistedType> _byManifest;

    /// <param name="registry">The class that lists the types, named in errors (e.g. <c>EvseHistoryManifests</c>).</param>
    public PersistedTypeTable(string registry, IReadOnlyCollection<PersistedType> types)
    {
        _registry = registry;
        _byType = types.ToFrozenDictionary(t => t.Type);
        _byManifest = types.ToFrozenDictionary(t => t.Manifest, StringComparer.Ordinal);
        Types = types.ToFrozenDictionary(t => t.Manifest, t => t.Type, StringComparer.Ordinal);
    }

    /// <summary>Every manifest and the type stored under it.</summary>
    public IReadOnlyDictionary<string, Type> Types { get; }

    public PersistedType For(Type type) =>
        _byType.TryGetValue(type, out var persisted)
            ? persisted
            : throw new SerializationException($"No manifest is registered for {type.FullName}; register it in {_registry}.");

    public object Read(byte[] payload, string manifest)
    {
        if (!_byManifest.TryGetValue(manifest, out var persisted))
        {
            throw new SerializationException(
                $"Cannot read manifest '{manifest}': no type is stored under it in {_registry}. " +
                "A manifest that was ever written must stay registered there.");
        }

        try
        {
            return persisted.Read(payload);
        }
        catch (JsonException e)
        {
            throw new SerializationException($"Cannot read a '{manifest}' payload: {e.Message}", e);
        }
    }
}
