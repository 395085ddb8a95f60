using System.Text.Json;
using Everest.Site.Domain.Billing.Cdrs;

namespace Everest.Site.Billing;

/// <summary>
/// What every OCPI CDR of one export repeats, escaped once: the operator's country code and party id, the site's
/// location fields, and per EVSE its ids and connector. Belongs to one export (not thread-safe).
/// </summary>
internal sealed class OcpiSiteJson
{
    private readonly BillingSite _site;
    private readonly JsonEncodedText _locationId;
    private readonly JsonEncodedText? _name;
    private readonly JsonEncodedText _address;
    private readonly JsonEncodedText _city;
    private readonly JsonEncodedText? _postalCode;
    private readonly JsonEncodedText _country;
    private readonly JsonEncodedText _latitude;
    private readonly JsonEncodedText _longitude;

    /// <summary>Per EVSE as the records name it: bounded by the EVSEs the site has had.</summary>
    private readonly Dictionary<CdrEvse, EvseParts> _evses = [];

    /// <exception cref="BillingExportException">The configuration lacks a location field OCPI requires (named with its key).</exception>
    public OcpiSiteJson(BillingSite site)
    {
        _site = site;
        var location = site.Location;
        var missing = new List<string>();
        JsonEncodedText Required(string? value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add("everest-site.billing.location." + key);
            }

            return ExportJson.Encoded(value ?? "");
        }

        _address = Required(location.Address, "address");
        _city = Required(location.City, "city");
        _country = Required(location.Country, "country");
        _latitude = Required(location.Latitude, "latitude");
        _longitude = Required(location.Longitude, "longitude");
        if (missing.Count > 0)
        {
            throw new BillingExportException("OCPI CDRs need the site's location; set " + string.Join(", ", missing));
        }

        CountryCode = ExportJson.Encoded(site.CountryCode);
        PartyId = ExportJson.Encoded(site.PartyId);
        _locationId = ExportJson.Encoded(location.Id);
        _name = location.Name is { } name ? ExportJson.Encoded(name) : null;
        _postalCode = location.PostalCode is { } postalCode ? ExportJson.Encoded(postalCode) : null;
    }

    /// <summary>OCPI <c>country_code</c> of the operator.</summary>
    public JsonEncodedText CountryCode { get; }

    /// <summary>OCPI <c>party_id</c> of the operator.</summary>
    public JsonEncodedText PartyId { get; }

    /// <summary>Writes <c>cdr_location</c>: the site, then <paramref name="evse"/> and its connector.</summary>
    public void WriteLocation(Utf8JsonWriter json, CdrEvse evse)
    {
        json.WriteStartObject(Names.CdrLocation);
        json.WriteString(Names.Id, _locationId);
        if (_name is { } name)
        {
            json.WriteString(Names.Name, name);
        }

        json.WriteString(Names.Address, _address);
        json.WriteString(Names.City, _city);
        if (_postalCode is { } postalCode)
        {
            json.WriteString(Names.PostalCode, postalCode);
        }

        json.WriteString(Names.Country, _country);
        json.WriteStartObject(Names.Coordinates);
        json.WriteString(Names.Latitude, _latitude);
        json.WriteString(Names.Longitude, _longitude);
        json.WriteEndObject();
        var parts = PartsOf(evse);
        json.WriteString(Names.EvseUid, parts.Uid);
        json.WriteString(Names.EvseId, parts.EvseId);
        json.WriteString(Names.ConnectorId, parts.ConnectorId);
        json.WriteString(Names.ConnectorStandard, parts.Standard);
        json.WriteString(Names.ConnectorFormat, parts.Format);
        json.WriteString(Names.ConnectorPowerType, parts.PowerType);
        json.WriteEndObject();
    }

    private EvseParts PartsOf(CdrEvse evse)
    {
        if (!_evses.TryGetValue(evse, out var parts))
        {
            var connector = _site.ConnectorOf(evse.ConfiguredId);
            _evses[evse] = parts = new EvseParts(
                ExportJson.Encoded(evse.ConfiguredId),
                ExportJson.Encoded(evse.EvseId),
                ExportJson.Encoded(evse.ConnectorId),
                ExportJson.Encoded(connector.Standard),
                ExportJson.Encoded(connector.Format),
                ExportJson.Encoded(connector.PowerType));
        }

        return parts;
    }

    private sealed record EvseParts(
        JsonEncodedText Uid,
        JsonEncodedText EvseId,
        JsonEncodedText ConnectorId,
        JsonEncodedText Standard,
        JsonEncodedText Format,
        JsonEncodedText PowerType);

    private static class Names
    {
        public static readonly JsonEncodedText CdrLocation = ExportJson.Encoded("cdr_location");
        public static readonly JsonEncodedText Id = ExportJson.Encoded("id");
        public static readonly JsonEncodedText Name = ExportJson.Encoded("name");
        public static readonly JsonEncodedText Address = ExportJson.Encoded("address");
        public static readonly JsonEncodedText City = ExportJson.Encoded("city");
        public static readonly JsonEncodedText PostalCode = ExportJson.Encoded("postal_code");
        public static readonly JsonEncodedText Country = ExportJson.Encoded("country");
        public static readonly JsonEncodedText Coordinates = ExportJson.Encoded("coordinates");
        public static readonly JsonEncodedText Latitude = ExportJson.Encoded("latitude");
        public static readonly JsonEncodedText Longitude = ExportJson.Encoded("longitude");
        public static readonly JsonEncodedText EvseUid = ExportJson.Encoded("evse_uid");
        public static readonly JsonEncodedText EvseId = ExportJson.Encoded("evse_id");
        public static readonly JsonEncodedText ConnectorId = ExportJson.Encoded("connector_id");
        public static readonly JsonEncodedText ConnectorStandard = ExportJson.Encoded("connector_standard");
        public static readonly JsonEncodedText ConnectorFormat = ExportJson.Encoded("connector_format");
        public static readonly JsonEncodedText ConnectorPowerType = ExportJson.Encoded("connector_power_type");
    }
}
