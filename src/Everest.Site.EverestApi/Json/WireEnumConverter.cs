using System.Text.Json;
using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Json;

/// <summary>Reads and writes an <see cref="IWireEnum{TSelf}"/> as its bare JSON string, unknown values included.</summary>
public sealed class WireEnumConverter<T> : JsonConverter<T>
    where T : struct, IWireEnum<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}.");
        }

        return T.FromWire(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
