using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Everest.Site.EverestApi.Json;

/// <summary>
/// Encoding and decoding of EVerest API payloads and of the request envelope
/// <c>{"headers":{"replyTo":"…"},"payload":…}</c>, all through source-generated metadata.
/// </summary>
public static class EverestJson
{
    private const string HeadersProperty = "headers";
    private const string ReplyToProperty = "replyTo";
    private const string PayloadProperty = "payload";

    /// <summary>
    /// The generated context with minimal escaping: EVerest reads UTF-8 JSON, and display texts (<c>€</c>) or
    /// timestamps (<c>+02:00</c>) should stay readable on the wire rather than become <c>\uXXXX</c>. The payloads
    /// never end up in HTML, which is what the default escaping protects against.
    /// </summary>
    private static readonly EverestApiJsonContext Context = new(new JsonSerializerOptions(EverestApiJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The generated metadata for a payload type; throws for a type the contract does not use.</summary>
    public static JsonTypeInfo TypeInfo(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Context.GetTypeInfo(type)
            ?? throw new ArgumentException($"{type.Name} is not an EVerest API payload type.", nameof(type));
    }

    /// <summary>Encodes a payload as the bare JSON value EVerest expects.</summary>
    public static byte[] Encode<T>(T value) => Encode(value, typeof(T));

    /// <summary>Encodes a payload of the given contract type as a bare JSON value.</summary>
    public static byte[] Encode(object? value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo(type));

    /// <summary>Decodes a bare JSON value; throws <see cref="JsonException"/> when it does not fit the type.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> json) => (T)Decode(json, typeof(T));

    /// <summary>Decodes a bare JSON value of the given contract type; throws <see cref="JsonException"/> when it does not fit.</summary>
    public static object Decode(ReadOnlySpan<byte> json, Type type)
    {
        var value = JsonSerializer.Deserialize(json, TypeInfo(type));
        return value ?? throw new JsonException($"Expected {type.Name}, got null.");
    }

    /// <summary>Decodes a JSON element of the given contract type; throws <see cref="JsonException"/> when it does not fit.</summary>
    public static object Decode(JsonElement json, Type type)
    {
        var value = json.Deserialize(TypeInfo(type));
        return value ?? throw new JsonException($"Expected {type.Name}, got null.");
    }

    /// <summary>
    /// Encodes a request: <c>{"headers":{"replyTo":…},"payload":…}</c>. The payload member is left out when
    /// <paramref name="payloadType"/> is null (operations without arguments, as in the spec's examples).
    /// </summary>
    public static byte[] EncodeRequest(string replyTo, object? payload, Type? payloadType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replyTo);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Context.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(HeadersProperty);
            writer.WriteString(ReplyToProperty, replyTo);
            writer.WriteEndObject();
            if (payloadType is not null)
            {
                writer.WritePropertyName(PayloadProperty);
                JsonSerializer.Serialize(writer, payload, TypeInfo(payloadType));
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads a request envelope. Succeeds when the body is a JSON object with a non-empty
    /// <c>headers.replyTo</c> string; <paramref name="payload"/> is null when the body has no payload.
    /// </summary>
    public static bool TryReadEnvelope(ReadOnlySpan<byte> json, out string replyTo, out JsonElement? payload, out string error)
    {
        replyTo = string.Empty;
        payload = null;
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(json);
            root = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException exception)
        {
            error = $"The body is not JSON: {exception.Message}";
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"Expected a request envelope object, got {root.ValueKind}.";
            return false;
        }

        if (!root.TryGetProperty(HeadersProperty, out var headers) || headers.ValueKind != JsonValueKind.Object
            || !headers.TryGetProperty(ReplyToProperty, out var replyToElement) || replyToElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(replyToElement.GetString()))
        {
            error = "The request envelope has no headers.replyTo string.";
            return false;
        }

        replyTo = replyToElement.GetString()!;
        if (root.TryGetProperty(PayloadProperty, out var payloadElement))
        {
            payload = payloadElement;
        }

        error = string.Empty;
        return true;
    }
}
