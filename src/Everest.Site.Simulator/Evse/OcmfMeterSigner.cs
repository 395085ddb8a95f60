using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Everest.Site.Simulator.Evse;

/// <summary>
/// Signs meter readings the way an Eichrecht meter does: an OCMF string whose payload is signed with the
/// meter's own ECDSA P-256 key. The key is created per meter, so signatures verify against the published key.
/// </summary>
public sealed class OcmfMeterSigner : IDisposable
{
    private const string SigningMethod = "ECDSA-secp256r1-SHA256";
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _meterSerial;
    private int _paginationCounter;

    public OcmfMeterSigner(string meterSerial)
    {
        _meterSerial = meterSerial;
        PublicKeyHex = Convert.ToHexString(_key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The DER SubjectPublicKeyInfo in hex, as meters publish it (<c>powermeter_public_key_ocmf</c>).</summary>
    public string PublicKeyHex { get; }

    /// <param name="transactionPhase">OCMF <c>TX</c>: <c>B</c> begin, <c>E</c> end.</param>
    public SignedMeterValue Sign(MeterReading reading, IdToken? token, char transactionPhase)
    {
        ArgumentNullException.ThrowIfNull(reading);
        _paginationCounter++;
        var payloadJson = WritePayload(reading, token, transactionPhase);
        var signature = _key.SignData(Encoding.UTF8.GetBytes(payloadJson), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var signatureJson = "{\"SA\":\"" + SigningMethod + "\",\"SD\":\"" + Convert.ToHexString(signature) + "\"}";
        return new SignedMeterValue("OCMF|" + payloadJson + "|" + signatureJson, SigningMethod, "OCMF", PublicKeyHex);
    }

    public void Dispose() => _key.Dispose();

    private string WritePayload(MeterReading reading, IdToken? token, char transactionPhase)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("FV", "1.0");
            json.WriteString("GI", "EVEREST-SITE-SIMULATOR");
            json.WriteString("GS", _meterSerial);
            json.WriteString("PG", "T" + _paginationCounter.ToString(CultureInfo.InvariantCulture));
            json.WriteString("MS", _meterSerial);
            json.WriteBoolean("IS", token is not null);
            json.WriteString("IT", token?.TokenType ?? "NONE");
            json.WriteString("ID", token?.Value ?? string.Empty);
            json.WriteStartArray("RD");
            json.WriteStartObject();
            json.WriteString("TM", reading.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss,fff'+0000 S'", CultureInfo.InvariantCulture));
            json.WriteString("TX", transactionPhase.ToString());
            json.WriteNumber("RV", reading.EnergyImportMilliWh / 1_000_000m);
            json.WriteString("RI", "01-00:98.08.00.FF");
            json.WriteString("RU", "kWh");
            json.WriteString("ST", "G");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
