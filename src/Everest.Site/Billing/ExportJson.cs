using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Everest.Site.Billing;

/// <summary>How the JSON exports are written.</summary>
internal static class ExportJson
{
    /// <summary>Buffered output is handed to the stream beyond this many bytes, so memory stays flat however many CDRs.</summary>
    public const int FlushThreshold = 64 * 1024;

    /// <summary>
    /// Compact, and escaping only what JSON requires: OCMF strings are full of quotes, which the default encoder would
    /// write as <c>\u0022</c>. The exports are files and API bodies, never embedded in HTML.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>ISO 8601 in UTC with milliseconds: 24 characters up to the year 9999.</summary>
    private const int UtcLength = 24;

    /// <summary><paramref name="text"/> escaped once, as the writers escape strings, for a name or value written many times.</summary>
    public static JsonEncodedText Encoded(string text) => JsonEncodedText.Encode(text, WriterOptions.Encoder);

    /// <summary>
    /// Writes <paramref name="at"/> as <see cref="ExportFormat.Utc"/> spells it, formatted straight into UTF-8 on the
    /// stack instead of into a string per value.
    /// </summary>
    public static void WriteUtc(Utf8JsonWriter json, JsonEncodedText name, DateTimeOffset at)
    {
        Span<byte> text = stackalloc byte[UtcLength];
        if (!at.UtcDateTime.TryFormat(text, out var written, ExportFormat.UtcFormat, CultureInfo.InvariantCulture))
        {
            throw new FormatException($"{at:O} does not fit ISO 8601 with a four-digit year");
        }

        json.WriteString(name, text[..written]);
    }
}
