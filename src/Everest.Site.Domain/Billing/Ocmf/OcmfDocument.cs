using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Everest.Site.Domain.Billing.Ocmf;

/// <summary>
/// An Open Charge Metering Format record, <c>OCMF|{payload}|{signature}</c>, split into the exact payload text
/// the meter signed and the signature fields. The payload is kept as text: re-serializing it would change the bytes.
/// </summary>
/// <param name="Payload">The payload JSON exactly as signed.</param>
/// <param name="SignatureAlgorithm">OCMF <c>SA</c>, e.g. <c>ECDSA-secp256r1-SHA256</c> (OCMF's default when absent).</param>
/// <param name="SignatureEncoding">OCMF <c>SE</c>: <c>hex</c> (default) or <c>base64</c>.</param>
/// <param name="SignatureData">OCMF <c>SD</c>: the signature, ASN.1 DER per OCMF's <c>SM</c> <c>application/x-der</c>.</param>
public sealed record OcmfDocument(string Payload, string SignatureAlgorithm, string SignatureEncoding, string SignatureData)
{
    public const string DefaultAlgorithm = "ECDSA-secp256r1-SHA256";
    private const string Prefix = "OCMF|";

    /// <summary>
    /// The payload section of <paramref name="text"/> without checking it (cheap: for display and export, where the
    /// verdict was already given); null when the text has no <c>OCMF|…|…</c> shape.
    /// </summary>
    public static string? PayloadOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan().Trim();
        var lastBar = span.LastIndexOf('|');
        return span.StartsWith(Prefix, StringComparison.Ordinal) && lastBar >= Prefix.Length ? span[Prefix.Length..lastBar].ToString() : null;
    }

    /// <summary>Splits <paramref name="text"/>; false with a reason when it is not an OCMF record.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out OcmfDocument? document, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        document = null;
        text = text.Trim();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = "does not start with 'OCMF|'";
            return false;
        }

        // The signature section is JSON without '|'; the payload may in principle contain one inside a string.
        var lastBar = text.LastIndexOf('|');
        if (lastBar < Prefix.Length)
        {
            error = "no signature section after the payload";
            return false;
        }

        var payload = text[Prefix.Length..lastBar];
        var signature = text[(lastBar + 1)..];
        try
        {
            using (JsonDocument.Parse(payload))
            {
            }

            using var signatureJson = JsonDocument.Parse(signature);
            if (signatureJson.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "the signature section is not a JSON object";
                return false;
            }

            var root = signatureJson.RootElement;
            var data = StringField(root, "SD");
            if (string.IsNullOrEmpty(data))
            {
                error = "the signature section has no SD";
                return false;
            }

            document = new OcmfDocument(payload, StringField(root, "SA") ?? DefaultAlgorithm, StringField(root, "SE") ?? "hex", data);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = "not JSON: " + e.Message;
            return false;
        }
    }

    /// <summary>
    /// The energy reading of transaction phase <paramref name="transactionPhase"/> (<c>TX</c>: B begin, E end) in the
    /// payload's readings (<c>RD</c>), in Wh (<c>RU</c> kWh or Wh), with the resolution its digits give (one unit in the
    /// last written decimal, at least 1 Wh). False when the payload has no such reading.
    /// </summary>
    public bool TryReadEnergy(char transactionPhase, out decimal wh, out decimal resolutionWh)
    {
        wh = 0;
        resolutionWh = 0;
        try
        {
            using var payload = JsonDocument.Parse(Payload);
            if (payload.RootElement.ValueKind != JsonValueKind.Object || !payload.RootElement.TryGetProperty("RD", out var readings) || readings.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var reading in readings.EnumerateArray())
            {
                if (reading.ValueKind != JsonValueKind.Object || StringField(reading, "TX") is not { } tx || tx.Length == 0 || tx[0] != transactionPhase
                    || !reading.TryGetProperty("RV", out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
                {
                    continue;
                }

                var scale = StringField(reading, "RU") switch
                {
                    "kWh" => 1000m,
                    "Wh" => 1m,
                    _ => 0m,
                };
                if (scale == 0)
                {
                    continue;
                }

                var raw = value.GetRawText();
                var decimals = raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase)
                    ? raw.Length - raw.IndexOf('.', StringComparison.Ordinal) - 1
                    : 0;
                wh = amount * scale;
                resolutionWh = Math.Max(1m, scale / Pow10(decimals));
                return true;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < Math.Min(digits, 20); i++)
        {
            result *= 10;
        }

        return result;
    }

    private static string? StringField(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
