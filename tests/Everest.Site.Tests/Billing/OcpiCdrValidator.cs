using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Everest.Site.Tests.Billing;

/// <summary>
/// Checks a JSON object against the CDR object of OCPI 2.2.1 (module cdrs, with its CdrToken, CdrLocation,
/// ChargingPeriod, CdrDimension, SignedData, SignedValue, GeoLocation and Price types): required fields, types,
/// string lengths, CiString (printable ASCII), DateTime and number formats, enumerations, and no unknown fields.
/// Written from the public specification, as test code.
/// </summary>
internal static partial class OcpiCdrValidator
{
    private static readonly string[] TokenTypes = ["AD_HOC_USER", "APP_USER", "OTHER", "RFID"];
    private static readonly string[] AuthMethods = ["AUTH_REQUEST", "COMMAND", "WHITELIST"];
    private static readonly string[] ConnectorFormats = ["SOCKET", "CABLE"];
    private static readonly string[] PowerTypes = ["AC_1_PHASE", "AC_2_PHASE", "AC_2_PHASE_SPLIT", "AC_3_PHASE", "DC"];
    private static readonly string[] DimensionTypes =
        ["CURRENT", "ENERGY", "ENERGY_EXPORT", "ENERGY_IMPORT", "MAX_CURRENT", "MIN_CURRENT", "MAX_POWER", "MIN_POWER", "PARKING_TIME", "POWER", "RESERVATION_TIME", "STATE_OF_CHARGE", "TIME"];
    private static readonly string[] ConnectorTypes =
    [
        "CHADEMO", "CHAOJI", "DOMESTIC_A", "DOMESTIC_B", "DOMESTIC_C", "DOMESTIC_D", "DOMESTIC_E", "DOMESTIC_F", "DOMESTIC_G", "DOMESTIC_H",
        "DOMESTIC_I", "DOMESTIC_J", "DOMESTIC_K", "DOMESTIC_L", "DOMESTIC_M", "DOMESTIC_N", "DOMESTIC_O", "GBT_AC", "GBT_DC",
        "IEC_60309_2_single_16", "IEC_60309_2_three_16", "IEC_60309_2_three_32", "IEC_60309_2_three_64", "IEC_62196_T1", "IEC_62196_T1_COMBO",
        "IEC_62196_T2", "IEC_62196_T2_COMBO", "IEC_62196_T3A", "IEC_62196_T3C", "NEMA_5_20", "NEMA_6_30", "NEMA_6_50", "NEMA_10_30", "NEMA_10_50",
        "NEMA_14_30", "NEMA_14_50", "PANTOGRAPH_BOTTOM_UP", "PANTOGRAPH_TOP_DOWN", "TESLA_R", "TESLA_S",
    ];

    public static IReadOnlyList<string> Validate(JsonElement cdr)
    {
        var errors = new List<string>();
        var o = new ObjectChecker(cdr, "cdr", errors);
        o.CiString("country_code", 2, required: true);
        o.CiString("party_id", 3, required: true);
        var credit = o.Bool("credit", required: false);
        o.CiString("id", credit == true ? 39 : 36, required: true);
        o.DateTime("start_date_time", required: true);
        o.DateTime("end_date_time", required: true);
        o.CiString("session_id", 36, required: false);
        o.Object("cdr_token", required: true, token =>
        {
            token.CiString("country_code", 2, required: true);
            token.CiString("party_id", 3, required: true);
            token.CiString("uid", 36, required: true);
            token.Enum("type", TokenTypes, required: true);
            token.CiString("contract_id", 36, required: true);
        });
        o.Enum("auth_method", AuthMethods, required: true);
        o.CiString("authorization_reference", 36, required: false);
        o.Object("cdr_location", required: true, location =>
        {
            location.CiString("id", 36, required: true);
            location.String("name", 255, required: false);
            location.String("address", 45, required: true);
            location.String("city", 45, required: true);
            location.String("postal_code", 10, required: false);
            location.String("state", 20, required: false);
            location.String("country", 3, required: true);
            location.Object("coordinates", required: true, geo =>
            {
                geo.Matches("latitude", 10, Latitude(), required: true);
                geo.Matches("longitude", 11, Longitude(), required: true);
            });
            location.CiString("evse_uid", 36, required: true);
            location.CiString("evse_id", 48, required: true);
            location.CiString("connector_id", 36, required: true);
            location.Enum("connector_standard", ConnectorTypes, required: true);
            location.Enum("connector_format", ConnectorFormats, required: true);
            location.Enum("connector_power_type", PowerTypes, required: true);
        });
        o.String("meter_id", 255, required: false);
        o.Matches("currency", 3, Currency(), required: true);
        o.Opaque("tariffs"); // Tariff objects are a module of their own; we never send them.
        o.Array("charging_periods", required: true, minimum: 1, period =>
        {
            period.DateTime("start_date_time", required: true);
            period.Array("dimensions", required: true, minimum: 1, dimension =>
            {
                dimension.Enum("type", DimensionTypes, required: true);
                dimension.Number("volume", required: true);
            });
            period.CiString("tariff_id", 36, required: false);
        });
        o.Object("signed_data", required: false, signed =>
        {
            signed.CiString("encoding_method", 36, required: true);
            signed.Integer("encoding_method_version", required: false);
            signed.String("public_key", 512, required: false);
            signed.Array("signed_values", required: true, minimum: 1, value =>
            {
                value.CiString("nature", 32, required: true);
                value.String("plain_data", 512, required: true);
                value.String("signed_data", 5000, required: true);
            });
            signed.String("url", 512, required: false);
        });
        o.Price("total_cost", required: true);
        o.Price("total_fixed_cost", required: false);
        o.Number("total_energy", required: true);
        o.Price("total_energy_cost", required: false);
        o.Number("total_time", required: true);
        o.Price("total_time_cost", required: false);
        o.Number("total_parking_time", required: false);
        o.Price("total_parking_cost", required: false);
        o.Price("total_reservation_cost", required: false);
        o.String("remark", 255, required: false);
        o.CiString("invoice_reference_id", 39, required: false);
        o.CiString("credit_reference_id", 39, required: credit == true);
        o.Bool("home_charging_compensation", required: false);
        o.DateTime("last_updated", required: true);
        o.NoOtherFields();
        return errors;
    }

    [GeneratedRegex(@"^-?[0-9]{1,2}\.[0-9]{5,7}$")]
    private static partial Regex Latitude();

    [GeneratedRegex(@"^-?[0-9]{1,3}\.[0-9]{5,7}$")]
    private static partial Regex Longitude();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();

    /// <summary>RFC 3339 in UTC as OCPI restricts it: Z or no zone designator, optional fraction.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z?$")]
    private static partial Regex OcpiDateTime();

    private sealed class ObjectChecker(JsonElement element, string path, List<string> errors)
    {
        private readonly HashSet<string> _known = new(StringComparer.Ordinal);
        private readonly bool _isObject = Check(element.ValueKind == JsonValueKind.Object, errors, $"{path}: expected an object");

        private static bool Check(bool ok, List<string> errors, string error)
        {
            if (!ok)
            {
                errors.Add(error);
            }

            return ok;
        }

        private JsonElement? Field(string name, bool required)
        {
            _known.Add(name);
            if (!_isObject || !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Check(!required, errors, $"{path}.{name}: required");
                return null;
            }

            return value;
        }

        public void String(string name, int maxLength, bool required)
        {
            if (Field(name, required) is { } value && Check(value.ValueKind == JsonValueKind.String, errors, $"{path}.{name}: expected a string"))
            {
                Check(value.GetString()!.Length <= maxLength, errors, $"{path}.{name}: longer than {maxLength}");
            }
        }

        public void CiString(string name, int maxLength, bool required)
        {
            if (Field(name, required) is { } value && Check(value.ValueKind == JsonValueKind.String, errors, $"{path}.{name}: expected a string"))
            {
                var text = value.GetString()!;
                Check(text.Length <= maxLength, errors, $"{path}.{name}: longer than {maxLength}");
                Check(text.All(c => c is >= ' ' and <= '~'), errors, $"{path}.{name}: not printable ASCII");
            }
        }

        public void Matches(string name, int maxLength, Regex pattern, bool required)
        {
            if (Field(name, required) is { } value && Check(value.ValueKind == JsonValueKind.String, errors, $"{path}.{name}: expected a string"))
            {
                var text = value.GetString()!;
                Check(text.Length <= maxLength && pattern.IsMatch(text), errors, $"{path}.{name}: '{text}' does not match {pattern}");
            }
        }

        public void Enum(string name, string[] values, bool required)
        {
            if (Field(name, required) is { } value && Check(value.ValueKind == JsonValueKind.String, errors, $"{path}.{name}: expected a string"))
            {
                Check(values.Contains(value.GetString(), StringComparer.Ordinal), errors, $"{path}.{name}: '{value.GetString()}' is not one of the enumeration");
            }
        }

        public void DateTime(string name, bool required)
        {
            if (Field(name, required) is { } value && Check(value.ValueKind == JsonValueKind.String, errors, $"{path}.{name}: expected a string"))
            {
                var text = value.GetString()!;
                Check(text.Length <= 25 && OcpiDateTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), errors, $"{path}.{name}: '{text}' is not an OCPI DateTime");
            }
        }

        public void Number(string name, bool required)
        {
            if (Field(name, required) is { } value && Check(value.ValueKind == JsonValueKind.Number, errors, $"{path}.{name}: expected a number"))
            {
                var raw = value.GetRawText();
                var decimals = raw.Contains('.', StringComparison.Ordinal) ? raw.Length - raw.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
                Check(decimals <= 4 && !raw.Contains('e', StringComparison.OrdinalIgnoreCase), errors, $"{path}.{name}: {raw} has more than 4 decimals");
            }
        }

        public void Integer(string name, bool required)
        {
            if (Field(name, required) is { } value)
            {
                Check(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _), errors, $"{path}.{name}: expected an int");
            }
        }

        public bool? Bool(string name, bool required)
        {
            if (Field(name, required) is not { } value)
            {
                return null;
            }

            return Check(value.ValueKind is JsonValueKind.True or JsonValueKind.False, errors, $"{path}.{name}: expected a boolean") ? value.GetBoolean() : null;
        }

        public void Object(string name, bool required, Action<ObjectChecker> check)
        {
            if (Field(name, required) is { } value)
            {
                var inner = new ObjectChecker(value, $"{path}.{name}", errors);
                check(inner);
                inner.NoOtherFields();
            }
        }

        public void Array(string name, bool required, int minimum, Action<ObjectChecker> check)
        {
            if (Field(name, required) is { } value && Check(value.ValueKind == JsonValueKind.Array, errors, $"{path}.{name}: expected an array"))
            {
                Check(value.GetArrayLength() >= minimum, errors, $"{path}.{name}: expected at least {minimum} element(s)");
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    var inner = new ObjectChecker(item, $"{path}.{name}[{i++}]", errors);
                    check(inner);
                    inner.NoOtherFields();
                }
            }
        }

        public void Opaque(string name) => Field(name, required: false);

        public void Price(string name, bool required) => Object(name, required, price =>
        {
            price.Number("excl_vat", required: true);
            price.Number("incl_vat", required: false);
        });

        public void NoOtherFields()
        {
            if (!_isObject)
            {
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                Check(_known.Contains(property.Name), errors, $"{path}.{property.Name}: not a field of this OCPI object");
            }
        }
    }
}
