using System.Text.Json;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Ocmf;
using Everest.Site.Domain.Billing.Tariffs;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Billing;

/// <summary>
/// Writes CDRs as a JSON array of OCPI 2.2.1 CDR objects (mapping in docs/billing.md). The operator's country code,
/// party id and location come from <c>everest-site.billing</c>; configured prices are exported as <c>excl_vat</c>.
/// Streams record by record, each written field by field into a pooled buffer; what every CDR repeats (operator,
/// location, each EVSE's connector) is escaped once per export (<see cref="OcpiSiteJson"/>).
/// </summary>
public static class OcpiCdrWriter
{
    private const int PlainDataMaxLength = 512;

    private const int RemarkMaxLength = 255;

    /// <exception cref="BillingExportException">The configuration lacks a field OCPI requires (named with its key).</exception>
    public static async Task WriteAsync(IAsyncEnumerable<ChargeDetailRecord> records, BillingSite site, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(output);
        var operatorAndSite = new OcpiSiteJson(site);
        var buffer = new ExportJsonBuffer();
        await using var json = buffer.CreateWriter();
        json.WriteStartArray();
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Write(json, record, operatorAndSite);
            await buffer.DrainAsync(json, output, final: false, cancellationToken).ConfigureAwait(false);
        }

        json.WriteEndArray();
        await buffer.DrainAsync(json, output, final: true, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="BillingExportException">The configuration lacks a field OCPI requires (named with its key).</exception>
    public static async Task WriteAsync(IEnumerable<ChargeDetailRecord> records, BillingSite site, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(output);
        var operatorAndSite = new OcpiSiteJson(site);
        var buffer = new ExportJsonBuffer();
        await using var json = buffer.CreateWriter();
        json.WriteStartArray();
        foreach (var record in records)
        {
            Write(json, record, operatorAndSite);
            await buffer.DrainAsync(json, output, final: false, cancellationToken).ConfigureAwait(false);
        }

        json.WriteEndArray();
        await buffer.DrainAsync(json, output, final: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>OCPI's TokenType for an EVerest id token type.</summary>
    public static string TokenTypeOf(string everestType) => everestType switch
    {
        "ISO14443" or "ISO15693" => "RFID",
        "Central" => "APP_USER",
        "NoAuthorization" => "AD_HOC_USER",
        _ => "OTHER",
    };

    /// <summary>OCPI's AuthMethod: a start by the CSMS is a command, every other token was checked against our list.</summary>
    public static string AuthMethodOf(string everestType) => everestType == "Central" ? "COMMAND" : "WHITELIST";

    /// <summary>One OCPI CDR object, its fields in the order of OCPI's table; a null value leaves its field out.</summary>
    private static void Write(Utf8JsonWriter json, ChargeDetailRecord r, OcpiSiteJson operatorAndSite)
    {
        ArgumentNullException.ThrowIfNull(r);
        json.WriteStartObject();
        json.WriteString(Names.CountryCode, operatorAndSite.CountryCode);
        json.WriteString(Names.PartyId, operatorAndSite.PartyId);
        json.WriteString(Names.Id, r.Id);
        ExportJson.WriteUtc(json, Names.StartDateTime, r.StartedAt);
        ExportJson.WriteUtc(json, Names.EndDateTime, r.StoppedAt);
        if (r.SessionUuid.Length <= 36)
        {
            json.WriteString(Names.SessionId, r.SessionUuid);
        }

        json.WriteStartObject(Names.CdrToken);
        json.WriteString(Names.CountryCode, operatorAndSite.CountryCode);
        json.WriteString(Names.PartyId, operatorAndSite.PartyId);
        json.WriteString(Names.Uid, r.IdToken.Value);
        json.WriteString(Names.Type, TokenTypeOf(r.IdToken.Type));
        json.WriteString(Names.ContractId, r.IdToken.Value);
        json.WriteEndObject();
        json.WriteString(Names.AuthMethod, AuthMethodOf(r.IdToken.Type));
        operatorAndSite.WriteLocation(json, r.Evse);
        json.WriteString(Names.Currency, r.Currency);
        json.WriteStartArray(Names.ChargingPeriods);
        foreach (var period in r.Periods)
        {
            WritePeriod(json, period, r.TariffId);
        }

        json.WriteEndArray();
        WriteSignedData(json, r);
        WritePrice(json, Names.TotalCost, r.Cost.Total);
        WritePrice(json, Names.TotalFixedCost, r.Cost.SessionFee);
        json.WriteNumber(Names.TotalEnergy, ExportFormat.Kwh(r.EnergyWh));
        WritePrice(json, Names.TotalEnergyCost, r.Cost.Energy);
        json.WriteNumber(Names.TotalTime, ExportFormat.Hours(r.Duration));
        WritePrice(json, Names.TotalTimeCost, r.Cost.Time);
        json.WriteNumber(Names.TotalParkingTime, ExportFormat.Hours(r.IdleTime));
        WritePrice(json, Names.TotalParkingCost, r.Cost.Idle);
        if (r.Remark is { } remark)
        {
            json.WriteString(Names.Remark, remark.Length > RemarkMaxLength ? remark[..RemarkMaxLength] : remark);
        }

        if (r.Kind == CdrKind.Credit)
        {
            json.WriteBoolean(Names.Credit, true);
            if (r.ReferencedCdrId is { } referenced)
            {
                json.WriteString(Names.CreditReferenceId, referenced);
            }
        }

        ExportJson.WriteUtc(json, Names.LastUpdated, r.IssuedAt);
        json.WriteEndObject();
    }

    /// <summary>
    /// One charging period: ENERGY (kWh) always, TIME (hours charging) while charging, PARKING_TIME (hours not charging)
    /// otherwise. A credit's periods carry the negated volumes of its original's.
    /// </summary>
    private static void WritePeriod(Utf8JsonWriter json, PricedPeriod period, string? tariffId)
    {
        json.WriteStartObject();
        ExportJson.WriteUtc(json, Names.StartDateTime, period.Start);
        json.WriteStartArray(Names.Dimensions);
        WriteDimension(json, Names.Energy, ExportFormat.Kwh(period.EnergyWh));
        if (period.ChargingTime != TimeSpan.Zero)
        {
            WriteDimension(json, Names.Time, ExportFormat.Hours(period.ChargingTime));
        }

        if (period.IdleTime != TimeSpan.Zero)
        {
            WriteDimension(json, Names.ParkingTime, ExportFormat.Hours(period.IdleTime));
        }

        json.WriteEndArray();
        if (tariffId is not null)
        {
            json.WriteString(Names.TariffId, tariffId);
        }

        json.WriteEndObject();
    }

    private static void WriteDimension(Utf8JsonWriter json, JsonEncodedText type, decimal volume)
    {
        json.WriteStartObject();
        json.WriteString(Names.Type, type);
        json.WriteNumber(Names.Volume, volume);
        json.WriteEndObject();
    }

    private static void WritePrice(Utf8JsonWriter json, JsonEncodedText name, decimal exclVat)
    {
        json.WriteStartObject(name);
        json.WriteNumber(Names.ExclVat, exclVat);
        json.WriteEndObject();
    }

    /// <summary>OCMF's signed start and end values as OCPI's <c>signed_data</c>; left out when the CDR has neither.</summary>
    private static void WriteSignedData(Utf8JsonWriter json, ChargeDetailRecord r)
    {
        if (r.SignedStart is null && r.SignedEnd is null)
        {
            return;
        }

        json.WriteStartObject(Names.SignedData);
        json.WriteString(Names.EncodingMethod, Names.Ocmf);
        var key = r.OcmfPublicKey ?? r.SignedStart?.PublicKey ?? r.SignedEnd?.PublicKey;
        if (key is { Length: <= 512 })
        {
            json.WriteString(Names.PublicKey, key);
        }

        json.WriteStartArray(Names.SignedValues);
        WriteSignedValue(json, Names.Start, r.SignedStart);
        WriteSignedValue(json, Names.End, r.SignedEnd);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSignedValue(Utf8JsonWriter json, JsonEncodedText nature, SignedMeterValue? value)
    {
        if (value is null)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString(Names.Nature, nature);
        json.WriteString(Names.PlainData, PlainData(value.SignedMeterData));
        json.WriteString(Names.SignedDataValue, value.SignedMeterData);
        json.WriteEndObject();
    }

    /// <summary>The payload the meter signed; OCPI allows 512 characters, so a longer one is cut and marked.</summary>
    private static string PlainData(string signedMeterData)
    {
        var plain = OcmfDocument.PayloadOf(signedMeterData) ?? signedMeterData;
        return plain.Length <= PlainDataMaxLength ? plain : plain[..(PlainDataMaxLength - 3)] + "...";
    }

    /// <summary>The field names and fixed values, escaped once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText CountryCode = ExportJson.Encoded("country_code");
        public static readonly JsonEncodedText PartyId = ExportJson.Encoded("party_id");
        public static readonly JsonEncodedText Id = ExportJson.Encoded("id");
        public static readonly JsonEncodedText StartDateTime = ExportJson.Encoded("start_date_time");
        public static readonly JsonEncodedText EndDateTime = ExportJson.Encoded("end_date_time");
        public static readonly JsonEncodedText SessionId = ExportJson.Encoded("session_id");
        public static readonly JsonEncodedText CdrToken = ExportJson.Encoded("cdr_token");
        public static readonly JsonEncodedText Uid = ExportJson.Encoded("uid");
        public static readonly JsonEncodedText Type = ExportJson.Encoded("type");
        public static readonly JsonEncodedText ContractId = ExportJson.Encoded("contract_id");
        public static readonly JsonEncodedText AuthMethod = ExportJson.Encoded("auth_method");
        public static readonly JsonEncodedText Currency = ExportJson.Encoded("currency");
        public static readonly JsonEncodedText ChargingPeriods = ExportJson.Encoded("charging_periods");
        public static readonly JsonEncodedText Dimensions = ExportJson.Encoded("dimensions");
        public static readonly JsonEncodedText Volume = ExportJson.Encoded("volume");
        public static readonly JsonEncodedText TariffId = ExportJson.Encoded("tariff_id");
        public static readonly JsonEncodedText Energy = ExportJson.Encoded("ENERGY");
        public static readonly JsonEncodedText Time = ExportJson.Encoded("TIME");
        public static readonly JsonEncodedText ParkingTime = ExportJson.Encoded("PARKING_TIME");
        public static readonly JsonEncodedText SignedData = ExportJson.Encoded("signed_data");
        public static readonly JsonEncodedText EncodingMethod = ExportJson.Encoded("encoding_method");
        public static readonly JsonEncodedText Ocmf = ExportJson.Encoded("OCMF");
        public static readonly JsonEncodedText PublicKey = ExportJson.Encoded("public_key");
        public static readonly JsonEncodedText SignedValues = ExportJson.Encoded("signed_values");
        public static readonly JsonEncodedText Nature = ExportJson.Encoded("nature");
        public static readonly JsonEncodedText Start = ExportJson.Encoded("Start");
        public static readonly JsonEncodedText End = ExportJson.Encoded("End");
        public static readonly JsonEncodedText PlainData = ExportJson.Encoded("plain_data");
        public static readonly JsonEncodedText SignedDataValue = ExportJson.Encoded("signed_data");
        public static readonly JsonEncodedText TotalCost = ExportJson.Encoded("total_cost");
        public static readonly JsonEncodedText TotalFixedCost = ExportJson.Encoded("total_fixed_cost");
        public static readonly JsonEncodedText TotalEnergy = ExportJson.Encoded("total_energy");
        public static readonly JsonEncodedText TotalEnergyCost = ExportJson.Encoded("total_energy_cost");
        public static readonly JsonEncodedText TotalTime = ExportJson.Encoded("total_time");
        public static readonly JsonEncodedText TotalTimeCost = ExportJson.Encoded("total_time_cost");
        public static readonly JsonEncodedText TotalParkingTime = ExportJson.Encoded("total_parking_time");
        public static readonly JsonEncodedText TotalParkingCost = ExportJson.Encoded("total_parking_cost");
        public static readonly JsonEncodedText ExclVat = ExportJson.Encoded("excl_vat");
        public static readonly JsonEncodedText Remark = ExportJson.Encoded("remark");
        public static readonly JsonEncodedText Credit = ExportJson.Encoded("credit");
        public static readonly JsonEncodedText CreditReferenceId = ExportJson.Encoded("credit_reference_id");
        public static readonly JsonEncodedText LastUpdated = ExportJson.Encoded("last_updated");
    }
}
