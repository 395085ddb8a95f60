using System.Globalization;
using CsvHelper;
using Everest.Site.Domain.Billing.Cdrs;

namespace Everest.Site.Billing;

/// <summary>
/// Writes CDRs as CSV, one row each, with the fixed column set of <see cref="Columns"/> (documented in
/// docs/billing.md; a new column is only ever appended). Invariant culture, instants in UTC ISO 8601, durations in
/// seconds, energies in Wh, amounts with the currency's minor-unit digits. Streams: rows go out as they come, and
/// every field is written by hand, with no per-row reflection.
/// </summary>
public static class CdrCsvWriter
{
    /// <summary>The header, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "cdr_id", "kind", "referenced_cdr_id", "remark",
        "site_id", "charger_id", "evse_id", "evse_config_id", "connector_id",
        "session_uuid", "csms_transaction_id", "id_token", "id_token_type", "token_group", "reservation_id",
        "start_utc", "stop_utc", "duration_s",
        "meter_start_wh", "meter_stop_wh", "energy_wh",
        "charging_time_s", "idle_time_s", "billable_idle_time_s", "site_pause_count", "site_pause_s",
        "stop_reason", "reconciled",
        "tariff_id", "tariff_version", "currency", "energy_cost", "time_cost", "session_fee", "idle_cost", "total_cost",
        "ocmf_verdict", "ocmf_detail", "ocmf_public_key", "ocmf_signed_start", "ocmf_signed_end",
        "issued_utc",
    ];

    /// <summary>
    /// RFC 4180 (comma, CRLF, quotes where needed), invariant culture, <c>true</c>/<c>false</c>. Text that a spreadsheet
    /// would run as a formula (a token or remark starting with = + - @) is prefixed with <c>'</c>: tokens come from
    /// the field, and the file is opened in spreadsheets. Numbers are written as numbers and never altered.
    /// </summary>
    private static readonly CsvWriterOptions Settings = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
    };

    public static async Task WriteAsync(IAsyncEnumerable<ChargeDetailRecord> records, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        await using var csv = CsvWriter.Create(output, Settings, leaveOpen: true);
        WriteHeader(csv);
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            WriteRow(csv, record);
            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        }

        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static void Write(IEnumerable<ChargeDetailRecord> records, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        using var csv = CsvWriter.Create(output, Settings, leaveOpen: true);
        WriteHeader(csv);
        foreach (var record in records)
        {
            WriteRow(csv, record);
            csv.EndRecord();
        }

        csv.Flush();
    }

    /// <summary>Energies, meter values and seconds: up to three decimals, no trailing zeros.</summary>
    private const string Number = "0.###";

    /// <summary>ISO 8601 in UTC with milliseconds, as every export writes instants.</summary>
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Amounts with exactly the currency's minor-unit digits (0, 2 or 3).</summary>
    private static readonly string[] MoneyFormats = ["0", "0.0", "0.00", "0.000"];

    private static void WriteHeader(CsvWriter csv)
    {
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        csv.EndRecord();
    }

    private static void WriteRow(CsvWriter csv, ChargeDetailRecord r)
    {
        var currency = r.Currency;
        var money = MoneyFormats[Domain.Billing.Tariffs.Money.MinorUnitDigits(currency)];
        csv.WriteField(r.Id);
        csv.WriteField(ExportFormat.Snake(r.Kind.ToString()));
        csv.WriteField(r.ReferencedCdrId);
        csv.WriteField(r.Remark);
        csv.WriteField(r.Evse.SiteId);
        csv.WriteField(r.Evse.ChargerId);
        csv.WriteField(r.Evse.EvseId);
        csv.WriteField(r.Evse.ConfiguredId);
        csv.WriteField(r.Evse.ConnectorId);
        csv.WriteField(r.SessionUuid);
        csv.WriteField(r.CsmsTransactionId);
        csv.WriteField(r.IdToken.Value);
        csv.WriteField(r.IdToken.Type);
        csv.WriteField(r.TokenGroup);
        csv.WriteField(r.ReservationId, default);
        csv.WriteField(r.StartedAt.ToUniversalTime(), UtcFormat);
        csv.WriteField(r.StoppedAt.ToUniversalTime(), UtcFormat);
        csv.WriteField(ExportFormat.Seconds(r.Duration), Number);
        csv.WriteField(r.MeterStartWh, Number);
        csv.WriteField(r.MeterStopWh, Number);
        csv.WriteField(r.EnergyWh, Number);
        csv.WriteField(ExportFormat.Seconds(r.ChargingTime), Number);
        csv.WriteField(ExportFormat.Seconds(r.IdleTime), Number);
        csv.WriteField(ExportFormat.Seconds(r.BillableIdleTime), Number);
        csv.WriteField(r.SitePauseCount, default);
        csv.WriteField(ExportFormat.Seconds(r.SitePauseDuration), Number);
        csv.WriteField(r.StopReason);
        csv.WriteField(r.Reconciled);
        csv.WriteField(r.TariffId);
        csv.WriteField(r.TariffVersion, default);
        csv.WriteField(currency);
        csv.WriteField(r.Cost.Energy, money);
        csv.WriteField(r.Cost.Time, money);
        csv.WriteField(r.Cost.SessionFee, money);
        csv.WriteField(r.Cost.Idle, money);
        csv.WriteField(r.Cost.Total, money);
        csv.WriteField(ExportFormat.Snake(r.Ocmf.Verdict.ToString()));
        csv.WriteField(r.Ocmf.Detail);
        csv.WriteField(r.OcmfPublicKey);
        csv.WriteField(r.SignedStart?.SignedMeterData);
        csv.WriteField(r.SignedEnd?.SignedMeterData);
        csv.WriteField(r.IssuedAt.ToUniversalTime(), UtcFormat);
    }
}
