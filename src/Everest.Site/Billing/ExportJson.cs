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
}
