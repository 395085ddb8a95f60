using System.Text.Json.Nodes;

namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>
/// Sample values for the schemas our five specs reference in EVerest API specs that are not in the spec
/// folder (powermeter, auth, board support, DC power supply, display messages). Written from EVerest's type
/// definitions; they exercise every field our records model for those types.
/// </summary>
public static class ExternalSchemaSamples
{
    private const string SignedValue = """{ "signed_meter_data": "OCMF|{...}|{...}", "signing_method": "ECDSA-secp256r1-SHA256", "encoding_method": "OCMF", "public_key": "3059301306", "timestamp": "2024-05-06T07:08:09Z" }""";

    private const string IdToken = """{ "value": "04A1B2C3D4", "type": "ISO14443" }""";

    public static IReadOnlyDictionary<string, JsonNode?> All { get; } = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
    {
        ["Powermeter"] = Parse($$"""
            {
              "timestamp": "2024-05-06T07:08:09Z", "meter_id": "M-1", "phase_seq_error": false,
              "energy_Wh_import": { "total": 1234.5, "L1": 400, "L2": 410.5, "L3": 424 },
              "energy_Wh_export": { "total": 0 },
              "power_W": { "total": 11000, "L1": 3600, "L2": 3700, "L3": 3700 },
              "voltage_V": { "DC": 0, "L1": 230.1, "L2": 229.8, "L3": 231 },
              "VAR": { "total": 12, "L1": 4, "L2": 4, "L3": 4 },
              "current_A": { "DC": 0, "L1": 15.9, "L2": 16, "L3": 16.1, "N": 0.2 },
              "frequency_Hz": { "L1": 50, "L2": 50.01, "L3": 49.99 },
              "signed_meter_value": {{SignedValue}}
            }
            """),
        ["SignedMeterValue"] = Parse(SignedValue),
        ["IdToken"] = Parse(IdToken),
        ["ProvidedIdToken"] = Parse($$"""
            { "id_token": {{IdToken}}, "authorization_type": "RFID", "request_id": 7, "parent_id_token": { "value": "GROUP-1", "type": "Central" },
              "connectors": [1], "prevalidated": false, "certificate": "-----BEGIN CERTIFICATE-----" }
            """),
        ["MessageContent"] = Parse("""{ "content": "0.39 EUR/kWh", "format": "UTF8", "language": "en" }"""),
        ["IdentifierType"] = JsonValue.Create("SessionId"),
        ["HardwareCapabilities"] = Parse("""
            { "max_current_A_import": 32, "min_current_A_import": 6, "max_phase_count_import": 3, "min_phase_count_import": 1,
              "max_current_A_export": 0, "min_current_A_export": 0, "max_phase_count_export": 3, "min_phase_count_export": 1,
              "supports_changing_phases_during_charging": true, "connector_type": "IEC62196Type2Socket", "max_plug_temperature_C": 80 }
            """),
        ["PhaseCount"] = JsonValue.Create(3),
        ["ProximityPilot"] = Parse("""{ "ampacity": "A_32" }"""),
        ["IsolationMeasurement"] = Parse("""{ "resistance_F_Ohm": 1000000, "voltage_V": 400, "voltage_to_earth_l1e_V": 200, "voltage_to_earth_l2e_V": 200 }"""),
        ["VoltageCurrent"] = Parse("""{ "voltage_V": 400.5, "current_A": 120.25 }"""),
        ["Mode"] = JsonValue.Create("Export"),
        ["Capabilities"] = Parse("""
            { "bidirectional": false, "current_regulation_tolerance_A": 1, "peak_current_ripple_A": 0.5,
              "max_export_voltage_V": 1000, "min_export_voltage_V": 150, "max_export_current_A": 200, "min_export_current_A": 0,
              "max_export_power_W": 150000, "max_import_voltage_V": 1000, "min_import_voltage_V": 150,
              "max_import_current_A": 50, "min_import_current_A": 0, "max_import_power_W": 22000 }
            """),
        ["SendPublicKeyOCMF"] = JsonValue.Create("3059301306072A8648CE3D020106"),
    };

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
