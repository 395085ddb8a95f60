using System.Text.Json;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Billing;

/// <summary>
/// Writes CDRs as one JSON array of objects with snake_case names (docs/billing.md): the CSV columns, plus the
/// priced periods and the OCMF values as objects. Absent values are left out. Streams record by record.
/// </summary>
public static class CdrJsonWriter
{
    public static async Task WriteAsync(IAsyncEnumerable<ChargeDetailRecord> records, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ExportJsonBuffer();
        await using var json = buffer.CreateWriter();
        json.WriteStartArray();
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            JsonSerializer.Serialize(json, ToDocument(record), BillingJsonContext.Default.CdrJsonDocument);
            await buffer.DrainAsync(json, output, final: false, cancellationToken).ConfigureAwait(false);
        }

        json.WriteEndArray();
        await buffer.DrainAsync(json, output, final: true, cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteAsync(IEnumerable<ChargeDetailRecord> records, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ExportJsonBuffer();
        await using var json = buffer.CreateWriter();
        json.WriteStartArray();
        foreach (var record in records)
        {
            JsonSerializer.Serialize(json, ToDocument(record), BillingJsonContext.Default.CdrJsonDocument);
            await buffer.DrainAsync(json, output, final: false, cancellationToken).ConfigureAwait(false);
        }

        json.WriteEndArray();
        await buffer.DrainAsync(json, output, final: true, cancellationToken).ConfigureAwait(false);
    }

    internal static CdrJsonDocument ToDocument(ChargeDetailRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new CdrJsonDocument(
            r.Id,
            ExportFormat.Snake(r.Kind.ToString()),
            r.ReferencedCdrId,
            r.Remark,
            r.Evse.SiteId,
            r.Evse.ChargerId,
            r.Evse.EvseId,
            r.Evse.ConfiguredId,
            r.Evse.ConnectorId,
            r.SessionUuid,
            r.CsmsTransactionId,
            new CdrJsonToken(r.IdToken.Value, r.IdToken.Type),
            r.TokenGroup,
            r.ReservationId,
            ExportFormat.Utc(r.StartedAt),
            ExportFormat.Utc(r.StoppedAt),
            ExportFormat.Seconds(r.Duration),
            r.MeterStartWh,
            r.MeterStopWh,
            r.EnergyWh,
            ExportFormat.Seconds(r.ChargingTime),
            ExportFormat.Seconds(r.IdleTime),
            ExportFormat.Seconds(r.BillableIdleTime),
            r.SitePauseCount,
            ExportFormat.Seconds(r.SitePauseDuration),
            r.StopReason,
            r.Reconciled,
            r.TariffId,
            r.TariffVersion,
            r.Currency,
            new CdrJsonCost(r.Cost.Energy, r.Cost.Time, r.Cost.SessionFee, r.Cost.Idle, r.Cost.Total),
            [
                .. r.Periods.Select(p => new CdrJsonPeriod(
                    ExportFormat.Utc(p.Start),
                    ExportFormat.Utc(p.End),
                    ExportFormat.Snake(p.Phase.ToString()),
                    p.EnergyWh,
                    ExportFormat.Seconds(p.ChargingTime),
                    ExportFormat.Seconds(p.IdleTime),
                    ExportFormat.Seconds(p.BillableIdleTime),
                    new CdrJsonRates(p.Rates.EnergyPerKwh, p.Rates.TimePerHour, p.Rates.IdlePerMinute),
                    ExportFormat.Amount4(p.EnergyCost),
                    ExportFormat.Amount4(p.TimeCost),
                    ExportFormat.Amount4(p.IdleCost))),
            ],
            new CdrJsonOcmf(ExportFormat.Snake(r.Ocmf.Verdict.ToString()), r.Ocmf.Detail, r.OcmfPublicKey, Signed(r.SignedStart), Signed(r.SignedEnd)),
            ExportFormat.Utc(r.IssuedAt));
    }

    private static CdrJsonSignedValue? Signed(SignedMeterValue? value) =>
        value is null ? null : new CdrJsonSignedValue(value.SignedMeterData, value.SigningMethod, value.EncodingMethod, value.PublicKey);
}
