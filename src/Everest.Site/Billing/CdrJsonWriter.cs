using System.Text.Json;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Ocmf;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Billing.Tariffs;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Billing;

/// <summary>
/// Writes CDRs as one JSON array of objects with snake_case names (docs/billing.md): the CSV columns, plus the
/// priced periods and the OCMF values as objects. Absent values are left out. Streams record by record, each written
/// field by field into a pooled buffer (names escaped once, instants formatted without strings), with no object
/// built per record.
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
            Write(json, record);
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
            Write(json, record);
            await buffer.DrainAsync(json, output, final: false, cancellationToken).ConfigureAwait(false);
        }

        json.WriteEndArray();
        await buffer.DrainAsync(json, output, final: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One CDR as a JSON object, its members in the documented order; a null value leaves its member out.</summary>
    private static void Write(Utf8JsonWriter json, ChargeDetailRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        json.WriteStartObject();
        json.WriteString(Names.Id, r.Id);
        json.WriteString(Names.Kind, SnakeCaseNames<CdrKind>.Of(r.Kind));
        WriteOptional(json, Names.ReferencedCdrId, r.ReferencedCdrId);
        WriteOptional(json, Names.Remark, r.Remark);
        json.WriteString(Names.SiteId, r.Evse.SiteId);
        json.WriteString(Names.ChargerId, r.Evse.ChargerId);
        json.WriteString(Names.EvseId, r.Evse.EvseId);
        json.WriteString(Names.EvseConfigId, r.Evse.ConfiguredId);
        json.WriteString(Names.ConnectorId, r.Evse.ConnectorId);
        json.WriteString(Names.SessionUuid, r.SessionUuid);
        WriteOptional(json, Names.CsmsTransactionId, r.CsmsTransactionId);
        json.WriteStartObject(Names.IdToken);
        json.WriteString(Names.Value, r.IdToken.Value);
        json.WriteString(Names.Type, r.IdToken.Type);
        json.WriteEndObject();
        WriteOptional(json, Names.TokenGroup, r.TokenGroup);
        if (r.ReservationId is { } reservation)
        {
            json.WriteNumber(Names.ReservationId, reservation);
        }

        ExportJson.WriteUtc(json, Names.Start, r.StartedAt);
        ExportJson.WriteUtc(json, Names.Stop, r.StoppedAt);
        json.WriteNumber(Names.DurationS, ExportFormat.Seconds(r.Duration));
        json.WriteNumber(Names.MeterStartWh, r.MeterStartWh);
        json.WriteNumber(Names.MeterStopWh, r.MeterStopWh);
        json.WriteNumber(Names.EnergyWh, r.EnergyWh);
        json.WriteNumber(Names.ChargingTimeS, ExportFormat.Seconds(r.ChargingTime));
        json.WriteNumber(Names.IdleTimeS, ExportFormat.Seconds(r.IdleTime));
        json.WriteNumber(Names.BillableIdleTimeS, ExportFormat.Seconds(r.BillableIdleTime));
        json.WriteNumber(Names.SitePauseCount, r.SitePauseCount);
        json.WriteNumber(Names.SitePauseS, ExportFormat.Seconds(r.SitePauseDuration));
        WriteOptional(json, Names.StopReason, r.StopReason);
        json.WriteBoolean(Names.Reconciled, r.Reconciled);
        WriteOptional(json, Names.TariffId, r.TariffId);
        if (r.TariffVersion is { } version)
        {
            json.WriteNumber(Names.TariffVersion, version);
        }

        json.WriteString(Names.Currency, r.Currency);
        WriteCost(json, r.Cost);
        json.WriteStartArray(Names.Periods);
        foreach (var period in r.Periods)
        {
            WritePeriod(json, period);
        }

        json.WriteEndArray();
        WriteOcmf(json, r);
        ExportJson.WriteUtc(json, Names.IssuedAt, r.IssuedAt);
        json.WriteEndObject();
    }

    private static void WriteCost(Utf8JsonWriter json, CostBreakdown cost)
    {
        json.WriteStartObject(Names.Cost);
        json.WriteNumber(Names.Energy, cost.Energy);
        json.WriteNumber(Names.Time, cost.Time);
        json.WriteNumber(Names.SessionFee, cost.SessionFee);
        json.WriteNumber(Names.Idle, cost.Idle);
        json.WriteNumber(Names.Total, cost.Total);
        json.WriteEndObject();
    }

    private static void WritePeriod(Utf8JsonWriter json, PricedPeriod p)
    {
        json.WriteStartObject();
        ExportJson.WriteUtc(json, Names.Start, p.Start);
        ExportJson.WriteUtc(json, Names.End, p.End);
        json.WriteString(Names.Phase, SnakeCaseNames<SessionPhase>.Of(p.Phase));
        json.WriteNumber(Names.EnergyWh, p.EnergyWh);
        json.WriteNumber(Names.ChargingTimeS, ExportFormat.Seconds(p.ChargingTime));
        json.WriteNumber(Names.IdleTimeS, ExportFormat.Seconds(p.IdleTime));
        json.WriteNumber(Names.BillableIdleTimeS, ExportFormat.Seconds(p.BillableIdleTime));
        json.WriteStartObject(Names.Rates);
        json.WriteNumber(Names.EnergyPerKwh, p.Rates.EnergyPerKwh);
        json.WriteNumber(Names.TimePerHour, p.Rates.TimePerHour);
        json.WriteNumber(Names.IdlePerMinute, p.Rates.IdlePerMinute);
        json.WriteEndObject();
        json.WriteNumber(Names.EnergyCost, ExportFormat.Amount4(p.EnergyCost));
        json.WriteNumber(Names.TimeCost, ExportFormat.Amount4(p.TimeCost));
        json.WriteNumber(Names.IdleCost, ExportFormat.Amount4(p.IdleCost));
        json.WriteEndObject();
    }

    private static void WriteOcmf(Utf8JsonWriter json, ChargeDetailRecord r)
    {
        json.WriteStartObject(Names.Ocmf);
        json.WriteString(Names.Verdict, SnakeCaseNames<OcmfVerdict>.Of(r.Ocmf.Verdict));
        json.WriteString(Names.Detail, r.Ocmf.Detail);
        WriteOptional(json, Names.PublicKey, r.OcmfPublicKey);
        WriteSigned(json, Names.SignedStart, r.SignedStart);
        WriteSigned(json, Names.SignedEnd, r.SignedEnd);
        json.WriteEndObject();
    }

    private static void WriteSigned(Utf8JsonWriter json, JsonEncodedText name, SignedMeterValue? value)
    {
        if (value is null)
        {
            return;
        }

        json.WriteStartObject(name);
        json.WriteString(Names.SignedMeterData, value.SignedMeterData);
        json.WriteString(Names.SigningMethod, value.SigningMethod);
        json.WriteString(Names.EncodingMethod, value.EncodingMethod);
        WriteOptional(json, Names.PublicKey, value.PublicKey);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>The member names, escaped once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Id = ExportJson.Encoded("id");
        public static readonly JsonEncodedText Kind = ExportJson.Encoded("kind");
        public static readonly JsonEncodedText ReferencedCdrId = ExportJson.Encoded("referenced_cdr_id");
        public static readonly JsonEncodedText Remark = ExportJson.Encoded("remark");
        public static readonly JsonEncodedText SiteId = ExportJson.Encoded("site_id");
        public static readonly JsonEncodedText ChargerId = ExportJson.Encoded("charger_id");
        public static readonly JsonEncodedText EvseId = ExportJson.Encoded("evse_id");
        public static readonly JsonEncodedText EvseConfigId = ExportJson.Encoded("evse_config_id");
        public static readonly JsonEncodedText ConnectorId = ExportJson.Encoded("connector_id");
        public static readonly JsonEncodedText SessionUuid = ExportJson.Encoded("session_uuid");
        public static readonly JsonEncodedText CsmsTransactionId = ExportJson.Encoded("csms_transaction_id");
        public static readonly JsonEncodedText IdToken = ExportJson.Encoded("id_token");
        public static readonly JsonEncodedText Value = ExportJson.Encoded("value");
        public static readonly JsonEncodedText Type = ExportJson.Encoded("type");
        public static readonly JsonEncodedText TokenGroup = ExportJson.Encoded("token_group");
        public static readonly JsonEncodedText ReservationId = ExportJson.Encoded("reservation_id");
        public static readonly JsonEncodedText Start = ExportJson.Encoded("start");
        public static readonly JsonEncodedText Stop = ExportJson.Encoded("stop");
        public static readonly JsonEncodedText End = ExportJson.Encoded("end");
        public static readonly JsonEncodedText DurationS = ExportJson.Encoded("duration_s");
        public static readonly JsonEncodedText MeterStartWh = ExportJson.Encoded("meter_start_wh");
        public static readonly JsonEncodedText MeterStopWh = ExportJson.Encoded("meter_stop_wh");
        public static readonly JsonEncodedText EnergyWh = ExportJson.Encoded("energy_wh");
        public static readonly JsonEncodedText ChargingTimeS = ExportJson.Encoded("charging_time_s");
        public static readonly JsonEncodedText IdleTimeS = ExportJson.Encoded("idle_time_s");
        public static readonly JsonEncodedText BillableIdleTimeS = ExportJson.Encoded("billable_idle_time_s");
        public static readonly JsonEncodedText SitePauseCount = ExportJson.Encoded("site_pause_count");
        public static readonly JsonEncodedText SitePauseS = ExportJson.Encoded("site_pause_s");
        public static readonly JsonEncodedText StopReason = ExportJson.Encoded("stop_reason");
        public static readonly JsonEncodedText Reconciled = ExportJson.Encoded("reconciled");
        public static readonly JsonEncodedText TariffId = ExportJson.Encoded("tariff_id");
        public static readonly JsonEncodedText TariffVersion = ExportJson.Encoded("tariff_version");
        public static readonly JsonEncodedText Currency = ExportJson.Encoded("currency");
        public static readonly JsonEncodedText Cost = ExportJson.Encoded("cost");
        public static readonly JsonEncodedText Energy = ExportJson.Encoded("energy");
        public static readonly JsonEncodedText Time = ExportJson.Encoded("time");
        public static readonly JsonEncodedText SessionFee = ExportJson.Encoded("session_fee");
        public static readonly JsonEncodedText Idle = ExportJson.Encoded("idle");
        public static readonly JsonEncodedText Total = ExportJson.Encoded("total");
        public static readonly JsonEncodedText Periods = ExportJson.Encoded("periods");
        public static readonly JsonEncodedText Phase = ExportJson.Encoded("phase");
        public static readonly JsonEncodedText Rates = ExportJson.Encoded("rates");
        public static readonly JsonEncodedText EnergyPerKwh = ExportJson.Encoded("energy_per_kwh");
        public static readonly JsonEncodedText TimePerHour = ExportJson.Encoded("time_per_hour");
        public static readonly JsonEncodedText IdlePerMinute = ExportJson.Encoded("idle_per_minute");
        public static readonly JsonEncodedText EnergyCost = ExportJson.Encoded("energy_cost");
        public static readonly JsonEncodedText TimeCost = ExportJson.Encoded("time_cost");
        public static readonly JsonEncodedText IdleCost = ExportJson.Encoded("idle_cost");
        public static readonly JsonEncodedText Ocmf = ExportJson.Encoded("ocmf");
        public static readonly JsonEncodedText Verdict = ExportJson.Encoded("verdict");
        public static readonly JsonEncodedText Detail = ExportJson.Encoded("detail");
        public static readonly JsonEncodedText PublicKey = ExportJson.Encoded("public_key");
        public static readonly JsonEncodedText SignedStart = ExportJson.Encoded("signed_start");
        public static readonly JsonEncodedText SignedEnd = ExportJson.Encoded("signed_end");
        public static readonly JsonEncodedText SignedMeterData = ExportJson.Encoded("signed_meter_data");
        public static readonly JsonEncodedText SigningMethod = ExportJson.Encoded("signing_method");
        public static readonly JsonEncodedText EncodingMethod = ExportJson.Encoded("encoding_method");
        public static readonly JsonEncodedText IssuedAt = ExportJson.Encoded("issued_at");
    }
}
