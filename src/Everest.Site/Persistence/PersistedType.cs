using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Everest.Site.Domain;

namespace Everest.Site.Persistence;

/// <summary>One persisted type: the stable name it is stored under and how its payload is read and written.</summary>
internal sealed class PersistedType
{
    private readonly Func<object, byte[]> _write;
    private readonly Func<byte[], object> _read;

    private PersistedType(Type type, string manifest, Func<object, byte[]> write, Func<byte[], object> read)
    {
        Type = type;
        Manifest = manifest;
        _write = write;
        _read = read;
    }

    public Type Type { get; }

    public string Manifest { get; }

    public static PersistedType Of<T>(string manifest, JsonTypeInfo<T> typeInfo)
        where T : class => new(
            typeof(T),
            manifest,
            value => JsonSerializer.SerializeToUtf8Bytes((T)value, typeInfo),
            bytes => JsonSerializer.Deserialize(bytes, typeInfo)
                ?? throw new JsonException($"a '{manifest}' payload is JSON null"));

    /// <summary>An event type under the manifest it names itself (<see cref="IVersionedEvent.Manifest"/>).</summary>
    public static PersistedType OfEvent<T>(JsonTypeInfo<T> typeInfo)
        where T : class, IVersionedEvent => Of(T.Manifest, typeInfo);

    public byte[] Write(object value) => _write(value);

    public object Read(byte[] payload) => _read(payload);
}
