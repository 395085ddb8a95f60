using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Everest.Site.Actors.Persistence;

/// <summary>
/// <see cref="IEventSerializer"/> on System.Text.Json source generation: every event and snapshot type is
/// registered with its generated <see cref="JsonTypeInfo{T}"/> and an explicit, stable manifest such as
/// <c>evse.transaction-finished.v1</c>. No reflection, no type names in stored data: renaming a class never
/// breaks old events. Register everything at start-up; reads are lock-free and thread-safe.
/// </summary>
public sealed class JsonEventSerializer : IEventSerializer
{
    private readonly Lock _gate = new();
    private FrozenDictionary<string, JsonTypeInfo> _byManifest = FrozenDictionary<string, JsonTypeInfo>.Empty;
    private FrozenDictionary<Type, string> _byType = FrozenDictionary<Type, string>.Empty;

    /// <summary>The registered manifests.</summary>
    public IReadOnlyCollection<string> Manifests => _byManifest.Keys;

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/>.</summary>
    /// <exception cref="ArgumentException">The manifest or the type is already registered, or the manifest is blank.</exception>
    public JsonEventSerializer Register<T>(string manifest, JsonTypeInfo<T> typeInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        ArgumentNullException.ThrowIfNull(typeInfo);
        lock (_gate)
        {
            if (_byManifest.ContainsKey(manifest))
            {
                throw new ArgumentException($"The manifest '{manifest}' is already registered (for {_byManifest[manifest].Type.Name}).", nameof(manifest));
            }

            if (_byType.TryGetValue(typeof(T), out var existing))
            {
                throw new ArgumentException($"{typeof(T).Name} is already registered under the manifest '{existing}'.", nameof(typeInfo));
            }

            _byManifest = new Dictionary<string, JsonTypeInfo>(_byManifest, StringComparer.Ordinal) { [manifest] = typeInfo }.ToFrozenDictionary(StringComparer.Ordinal);
            _byType = new Dictionary<Type, string>(_byType) { [typeof(T)] = manifest }.ToFrozenDictionary();
        }

        return this;
    }

    /// <exception cref="EventSerializationException">The value's type is not registered.</exception>
    public SerializedValue Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_byType.TryGetValue(value.GetType(), out var manifest))
        {
            throw new EventSerializationException($"{value.GetType().FullName} has no registered manifest; register it with JsonEventSerializer.Register.");
        }

        return new SerializedValue(manifest, JsonSerializer.SerializeToUtf8Bytes(value, _byManifest[manifest]));
    }

    /// <exception cref="EventSerializationException">The manifest is unknown or the payload does not parse.</exception>
    public object Deserialize(string manifest, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!_byManifest.TryGetValue(manifest, out var typeInfo))
        {
            throw new EventSerializationException($"Unknown manifest '{manifest}': no type is registered for it.");
        }

        try
        {
            return JsonSerializer.Deserialize(payload, typeInfo)
                ?? throw new EventSerializationException($"The payload of manifest '{manifest}' is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new EventSerializationException($"The payload of manifest '{manifest}' is not valid for {typeInfo.Type.Name}: {exception.Message}", exception);
        }
    }
}
