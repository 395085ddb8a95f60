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

    /// <summary>ISO 8601 in UTC with milliseconds: 24 characters (a <see cref="DateTime"/> has four-digit years).</summary>
    private const int UtcLength = 24;

    /// <summary><paramref name="text"/> escaped once, as the writers escape strings, for a name or value written many times.</summary>
    public static JsonEncodedText Encoded(string text) => JsonEncodedText.Encode(text, WriterOptions.Encoder);

    /// <summary>
    /// Writes <paramref name="at"/> exactly as <see cref="ExportFormat.Utc"/> spells it, digit by digit into UTF-8 on the
    /// stack: a custom format string is parsed again at every call, and the exports write a dozen instants per CDR.
    /// </summary>
    public static void WriteUtc(Utf8JsonWriter json, JsonEncodedText name, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var (year, month, day) = utc;
        Span<byte> text = stackalloc byte[UtcLength];
        Digits(text[..4], year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), utc.Millisecond);
        text[23] = (byte)'Z';
        json.WriteString(name, text);
    }

    /// <summary><paramref name="value"/> in decimal digits, zero-padded to fill <paramref name="text"/>.</summary>
    private static void Digits(Span<byte> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
