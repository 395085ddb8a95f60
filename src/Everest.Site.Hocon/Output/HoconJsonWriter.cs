using System.Text.Json;

namespace Everest.Site.Hocon.Output;

/// <summary>Writes a resolved tree as JSON: objects and arrays as such, numbers and booleans unquoted, numbers as written.</summary>
public static class HoconJsonWriter
{
    public static string ToJson(HoconValue value, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            Write(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var (key, child) in obj.Fields)
                {
                    writer.WritePropertyName(key);
                    Write(writer, child);
                }

                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case HoconScalar scalar:
                switch (scalar.Kind)
                {
                    case HoconValueKind.Null:
                        writer.WriteNullValue();
                        break;
                    case HoconValueKind.Boolean:
                        writer.WriteBooleanValue(scalar.Text == "true");
                        break;
                    case HoconValueKind.Number:
                        writer.WriteRawValue(scalar.Text!);
                        break;
                    default:
                        writer.WriteStringValue(scalar.Text);
                        break;
                }

                break;
        }
    }
}
