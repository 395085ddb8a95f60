using System.Security.Cryptography;
using Everest.Site.Billing;

namespace Everest.Site.Tests.Billing;

public sealed class CdrCsvWriterTests
{
    /// <summary>The documented column set (docs/billing.md). Changing it breaks every consumer: append only.</summary>
    private const string GoldenHeader =
        "cdr_id,kind,referenced_cdr_id,remark,site_id,charger_id,evse_id,evse_config_id,connector_id,session_uuid,csms_transaction_id,"
        + "id_token,id_token_type,token_group,reservation_id,start_utc,stop_utc,duration_s,meter_start_wh,meter_stop_wh,energy_wh,"
        + "charging_time_s,idle_time_s,billable_idle_time_s,site_pause_count,site_pause_s,stop_reason,reconciled,tariff_id,tariff_version,"
        + "currency,energy_cost,time_cost,session_fee,idle_cost,total_cost,ocmf_verdict,ocmf_detail,ocmf_public_key,ocmf_signed_start,"
        + "ocmf_signed_end,issued_utc";

    private static async Task<string[]> ExportAsync()
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var site = CdrFixtures.Site();
        using var text = new StringWriter();
        await CdrCsvWriter.WriteAsync(Stream(CdrFixtures.All(site, meter)), text);
        return text.ToString().Split("\r\n");
    }

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    [Fact]
    public async Task The_header_is_the_documented_column_set()
    {
        var lines = await ExportAsync();

        Assert.Equal(GoldenHeader, lines[0]);
        Assert.Equal(GoldenHeader, string.Join(',', CdrCsvWriter.Columns));
    }

    [Fact]
    public async Task A_row_holds_the_cdr_in_invariant_culture_utc_and_minor_units()
    {
        var lines = await ExportAsync();
        var row = ParseRow(lines[1]);
        string Field(string column) => row[CdrCsvWriter.Columns.ToList().IndexOf(column)];

        Assert.Equal(CdrCsvWriter.Columns.Count, row.Count);
        Assert.Equal("0f8e4a2c-6b1d-4c3e-9a7f-1234567890ab", Field("cdr_id"));
        Assert.Equal("original", Field("kind"));
        Assert.Equal(("depot-1", "cp-1", "DEPNXE123456*1", "e-1", "1"), (Field("site_id"), Field("charger_id"), Field("evse_id"), Field("evse_config_id"), Field("connector_id")));
        Assert.Equal(("csms-7", "04A2B3C4", "ISO14443", "12"), (Field("csms_transaction_id"), Field("id_token"), Field("id_token_type"), Field("reservation_id")));
        Assert.Equal(("2026-03-02T20:30:00.000Z", "2026-03-02T22:40:00.000Z", "7800"), (Field("start_utc"), Field("stop_utc"), Field("duration_s")));
        Assert.Equal(("1000", "15000", "14000"), (Field("meter_start_wh"), Field("meter_stop_wh"), Field("energy_wh")));
        Assert.Equal(("4740", "3060", "1860", "1", "600"), (Field("charging_time_s"), Field("idle_time_s"), Field("billable_idle_time_s"), Field("site_pause_count"), Field("site_pause_s")));
        Assert.Equal(("EVDisconnected", "false", "public", "1", "EUR"), (Field("stop_reason"), Field("reconciled"), Field("tariff_id"), Field("tariff_version"), Field("currency")));
        Assert.Equal(("3.95", "0.66", "1.00", "3.10", "8.71"), (Field("energy_cost"), Field("time_cost"), Field("session_fee"), Field("idle_cost"), Field("total_cost")));
        Assert.Equal("verified", Field("ocmf_verdict"));
        Assert.StartsWith("OCMF|{", Field("ocmf_signed_start"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credits_have_negative_numbers_and_text_that_looks_like_a_formula_is_defused()
    {
        var lines = await ExportAsync();
        var credit = ParseRow(lines[2]);
        var instant = ParseRow(lines.Single(l => l.StartsWith("instant,", StringComparison.Ordinal)));
        string Field(List<string> row, string column) => row[CdrCsvWriter.Columns.ToList().IndexOf(column)];

        Assert.Equal(("credit", "-14000", "-8.71"), (Field(credit, "kind"), Field(credit, "energy_wh"), Field(credit, "total_cost")));
        Assert.StartsWith("'=cmd", Field(instant, "id_token"), StringComparison.Ordinal);
    }

    /// <summary>RFC 4180 fields of one line (quoted fields may hold commas and doubled quotes).</summary>
    private static List<string> ParseRow(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
