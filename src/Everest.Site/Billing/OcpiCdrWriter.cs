using System.Text.Json;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Ocmf;
using Everest.Site.Domain.Billing.Tariffs;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Billing;

/// <summary>
/// Writes CDRs as a JSON array of OCPI 2.2.1 CDR objects (mapping in docs/billing.md). The operator's country code,
/// party id and location come from <c>everest-site.billing</c>; configured prices are exported as <c>excl_vat</c>.
/// Streams record by record.
/// </summary>
public static class OcpiCdrWriter
{
    private const int PlainDataMaxLength = 512;

    /// <exception cref="BillingExportException">The configuration lacks a field OCPI requires (named with its key).</exception>
    public static async Task WriteAsync(IAsyncEnumerable<ChargeDetailRecord> records, BillingSite site, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(output);
        var location = RequireLocation(site.Location);
        var buffer = new ExportJsonBuffer();
        await using var json = buffer.CreateWriter();
        json.WriteStartArray();
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            JsonSerializer.Serialize(json, ToOcpi(record, site, location), BillingJsonContext.Default.OcpiCdr);
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
        var location = RequireLocation(site.Location);
        var buffer = new ExportJsonBuffer();
        await using var json = buffer.CreateWriter();
        json.WriteStartArray();
        foreach (var record in records)
        {
            JsonSerializer.Serialize(json, ToOcpi(record, site, location), BillingJsonContext.Default.OcpiCdr);
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

    internal static OcpiCdr ToOcpi(ChargeDetailRecord r, BillingSite site, OcpiCdrLocation location)
    {
        var currency = r.Currency;
        var connector = site.ConnectorOf(r.Evse.ConfiguredId);
        return new OcpiCdr(
            site.CountryCode,
            site.PartyId,
            r.Id,
            ExportFormat.Utc(r.StartedAt),
            ExportFormat.Utc(r.StoppedAt),
            r.SessionUuid.Length <= 36 ? r.SessionUuid : null,
            new OcpiCdrToken(site.CountryCode, site.PartyId, r.IdToken.Value, TokenTypeOf(r.IdToken.Type), r.IdToken.Value),
            AuthMethodOf(r.IdToken.Type),
            location with
            {
                EvseUid = r.Evse.ConfiguredId,
                EvseId = r.Evse.EvseId,
                ConnectorId = r.Evse.ConnectorId,
                ConnectorStandard = connector.Standard,
                ConnectorFormat = connector.Format,
                ConnectorPowerType = connector.PowerType,
            },
            MeterId: null,
            currency,
            [.. r.Periods.Select(p => Period(p, r.TariffId))],
            SignedData(r),
            new OcpiPrice(r.Cost.Total),
            new OcpiPrice(r.Cost.SessionFee),
            ExportFormat.Kwh(r.EnergyWh),
            new OcpiPrice(r.Cost.Energy),
            ExportFormat.Hours(r.Duration),
            new OcpiPrice(r.Cost.Time),
            ExportFormat.Hours(r.IdleTime),
            new OcpiPrice(r.Cost.Idle),
            r.Remark is { Length: > 255 } remark ? remark[..255] : r.Remark,
            r.Kind == CdrKind.Credit ? true : null,
            r.Kind == CdrKind.Credit ? r.ReferencedCdrId : null,
            ExportFormat.Utc(r.IssuedAt));
    }

    /// <summary>
    /// One charging period: ENERGY (kWh) always, TIME (hours charging) while charging, PARKING_TIME (hours not charging)
    /// otherwise. A credit's periods carry the negated volumes of its original's.
    /// </summary>
    private static OcpiChargingPeriod Period(PricedPeriod period, string? tariffId)
    {
        var dimensions = new List<OcpiCdrDimension>(2) { new("ENERGY", ExportFormat.Kwh(period.EnergyWh)) };
        if (period.ChargingTime != TimeSpan.Zero)
        {
            dimensions.Add(new OcpiCdrDimension("TIME", ExportFormat.Hours(period.ChargingTime)));
        }

        if (period.IdleTime != TimeSpan.Zero)
        {
            dimensions.Add(new OcpiCdrDimension("PARKING_TIME", ExportFormat.Hours(period.IdleTime)));
        }

        return new OcpiChargingPeriod(ExportFormat.Utc(period.Start), dimensions, tariffId);
    }

    private static OcpiSignedData? SignedData(ChargeDetailRecord r)
    {
        var values = new List<OcpiSignedValue>(2);
        foreach (var (nature, value) in (ReadOnlySpan<(string, SignedMeterValue?)>)[("Start", r.SignedStart), ("End", r.SignedEnd)])
        {
            if (value is not null)
            {
                values.Add(new OcpiSignedValue(nature, PlainData(value.SignedMeterData), value.SignedMeterData));
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        var key = r.OcmfPublicKey ?? r.SignedStart?.PublicKey ?? r.SignedEnd?.PublicKey;
        return new OcpiSignedData("OCMF", key is { Length: <= 512 } ? key : null, values);
    }

    /// <summary>The payload the meter signed; OCPI allows 512 characters, so a longer one is cut and marked.</summary>
    private static string PlainData(string signedMeterData)
    {
        var plain = OcmfDocument.PayloadOf(signedMeterData) ?? signedMeterData;
        return plain.Length <= PlainDataMaxLength ? plain : plain[..(PlainDataMaxLength - 3)] + "...";
    }

    private static OcpiCdrLocation RequireLocation(OcpiLocation location)
    {
        var missing = new List<string>();
        string Required(string? value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add("everest-site.billing.location." + key);
            }

            return value ?? "";
        }

        var result = new OcpiCdrLocation(
            location.Id,
            location.Name,
            Required(location.Address, "address"),
            Required(location.City, "city"),
            location.PostalCode,
            Required(location.Country, "country"),
            new OcpiGeoLocation(Required(location.Latitude, "latitude"), Required(location.Longitude, "longitude")),
            "",
            "",
            "",
            "",
            "",
            "");
        return missing.Count == 0
            ? result
            : throw new BillingExportException("OCPI CDRs need the site's location; set " + string.Join(", ", missing));
    }
}
