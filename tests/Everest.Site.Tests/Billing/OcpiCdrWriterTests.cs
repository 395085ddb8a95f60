using System.Security.Cryptography;
using System.Text.Json;
using Everest.Site.Billing;
using Everest.Site.Domain.Billing.Cdrs;

namespace Everest.Site.Tests.Billing;

public sealed class OcpiCdrWriterTests
{
    private static async Task<JsonElement> ExportAsync(IEnumerable<ChargeDetailRecord> records, BillingSite site)
    {
        using var output = new MemoryStream();
        await OcpiCdrWriter.WriteAsync(records, site, output);
        return JsonDocument.Parse(output.ToArray()).RootElement.Clone();
    }

    [Fact]
    public async Task Every_exported_cdr_is_a_valid_ocpi_2_2_1_cdr()
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var site = CdrFixtures.Site();
        var records = CdrFixtures.All(site, meter);

        var exported = await ExportAsync(records, site);

        Assert.Equal(records.Length, exported.GetArrayLength());
        Assert.All(exported.EnumerateArray(), cdr => Assert.Empty(OcpiCdrValidator.Validate(cdr)));
    }

    [Fact]
    public async Task The_mapping_fills_identity_location_periods_signed_data_and_totals()
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var site = CdrFixtures.Site();
        var records = CdrFixtures.All(site, meter);

        var cdr = (await ExportAsync(records.Take(1), site))[0];

        Assert.Equal("DE", cdr.GetProperty("country_code").GetString());
        Assert.Equal("EVS", cdr.GetProperty("party_id").GetString());
        Assert.Equal("0f8e4a2c-6b1d-4c3e-9a7f-1234567890ab", cdr.GetProperty("id").GetString());
        Assert.Equal("2026-03-02T20:30:00.000Z", cdr.GetProperty("start_date_time").GetString());
        var token = cdr.GetProperty("cdr_token");
        Assert.Equal(("RFID", "04A2B3C4"), (token.GetProperty("type").GetString(), token.GetProperty("uid").GetString()));
        Assert.Equal("WHITELIST", cdr.GetProperty("auth_method").GetString());
        var location = cdr.GetProperty("cdr_location");
        Assert.Equal(("depot-1", "DEPNXE123456*1", "e-1", "IEC_62196_T2"), (location.GetProperty("id").GetString(), location.GetProperty("evse_id").GetString(), location.GetProperty("evse_uid").GetString(), location.GetProperty("connector_standard").GetString()));

        // 22:00 in Berlin is 21:00 UTC. Idle before the first charge (1 min, within the 10 min grace), charging at the
        // day rate, the site's pause, charging at the night rate, then EV idle: 9 min of grace left, then billable.
        Assert.Equal(14m, cdr.GetProperty("total_energy").GetDecimal());
        var periods = cdr.GetProperty("charging_periods").EnumerateArray().ToList();
        Assert.Equal(
            ["20:30:00", "20:31:00", "20:50:00", "21:00:00", "22:00:00", "22:09:00"],
            periods.Select(p => p.GetProperty("start_date_time").GetString()![11..19]));
        var energy = periods.Sum(p => p.GetProperty("dimensions").EnumerateArray().Where(d => d.GetProperty("type").GetString() == "ENERGY").Sum(d => d.GetProperty("volume").GetDecimal()));
        Assert.Equal(14m, energy);
        Assert.All(periods, p => Assert.Equal("public", p.GetProperty("tariff_id").GetString()));

        var record = records[0];
        Assert.Equal(new Everest.Site.Domain.Billing.Tariffs.CostBreakdown(Energy: 3.95m, Time: 0.66m, SessionFee: 1m, Idle: 3.10m), record.Cost);
        Assert.Equal(record.Cost.Total, cdr.GetProperty("total_cost").GetProperty("excl_vat").GetDecimal());
        Assert.Equal(record.Cost.Idle, cdr.GetProperty("total_parking_cost").GetProperty("excl_vat").GetDecimal());
        Assert.Equal(1m, cdr.GetProperty("total_fixed_cost").GetProperty("excl_vat").GetDecimal());
        Assert.Equal(Math.Round((decimal)record.Duration.TotalHours, 4), cdr.GetProperty("total_time").GetDecimal());

        var signed = cdr.GetProperty("signed_data");
        Assert.Equal("OCMF", signed.GetProperty("encoding_method").GetString());
        Assert.Equal(Convert.ToHexString(meter.ExportSubjectPublicKeyInfo()), signed.GetProperty("public_key").GetString());
        var values = signed.GetProperty("signed_values").EnumerateArray().ToList();
        Assert.Equal(["Start", "End"], values.Select(v => v.GetProperty("nature").GetString()));
        Assert.Equal(record.SignedStart!.SignedMeterData, values[0].GetProperty("signed_data").GetString());
        Assert.StartsWith("{\"FV\":\"1.0\"", values[0].GetProperty("plain_data").GetString(), StringComparison.Ordinal);
        Assert.False(cdr.TryGetProperty("credit", out _));
    }

    [Fact]
    public async Task A_credit_says_so_names_the_cdr_it_cancels_and_carries_negated_totals()
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var site = CdrFixtures.Site();
        var records = CdrFixtures.All(site, meter);

        var exported = (await ExportAsync(records, site)).EnumerateArray().ToList();

        var credit = exported.Single(c => c.GetProperty("id").GetString() == "0f8e4a2c-6b1d-4c3e-9a7f-1234567890ab-C");
        Assert.True(credit.GetProperty("credit").GetBoolean());
        Assert.Equal("0f8e4a2c-6b1d-4c3e-9a7f-1234567890ab", credit.GetProperty("credit_reference_id").GetString());
        Assert.Equal(-exported[0].GetProperty("total_cost").GetProperty("excl_vat").GetDecimal(), credit.GetProperty("total_cost").GetProperty("excl_vat").GetDecimal());
        Assert.Equal(-14m, credit.GetProperty("total_energy").GetDecimal());
        Assert.Equal(255, credit.GetProperty("remark").GetString()!.Length);
    }

    [Fact]
    public async Task Without_the_site_location_the_export_fails_naming_the_keys_to_set()
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var site = CdrFixtures.Site(CdrFixtures.Config.Replace("location {", "location-unused {", StringComparison.Ordinal).Replace("location-unused { name = \"Depot One\", address = \"Hauptstrasse 1\", city = Berlin, postal-code = \"10115\", country = DEU, latitude = \"52.520008\", longitude = \"13.404954\" }", "", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<BillingExportException>(() => ExportAsync(CdrFixtures.All(site, meter), site));

        Assert.Contains("everest-site.billing.location.address", error.Message, StringComparison.Ordinal);
        Assert.Contains("everest-site.billing.location.latitude", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("country_code", null, "cdr.country_code: required")]
    [InlineData("country_code", "\"DEU\"", "cdr.country_code: longer than 2")]
    [InlineData("auth_method", "\"PIN\"", "cdr.auth_method: 'PIN' is not one of")]
    [InlineData("start_date_time", "\"2026-03-02 20:30\"", "cdr.start_date_time: '2026-03-02 20:30' is not an OCPI DateTime")]
    [InlineData("total_energy", "1.23456", "cdr.total_energy: 1.23456 has more than 4 decimals")]
    [InlineData("total_energy", "\"14\"", "cdr.total_energy: expected a number")]
    [InlineData("charging_periods", "[]", "cdr.charging_periods: expected at least 1 element")]
    [InlineData("credit", "true", "cdr.credit_reference_id: required")]
    [InlineData("colour", "\"blue\"", "cdr.colour: not a field")]
    [InlineData("id", "\"Ü-1\"", "cdr.id: not printable ASCII")]
    public async Task The_validator_rejects_what_the_specification_does_not_allow(string field, string? json, string error)
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var site = CdrFixtures.Site();
        var valid = (await ExportAsync(CdrFixtures.All(site, meter).Take(1), site))[0];
        var node = System.Text.Json.Nodes.JsonNode.Parse(valid.GetRawText())!.AsObject();
        if (json is null)
        {
            node.Remove(field);
        }
        else
        {
            node[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        }

        var errors = OcpiCdrValidator.Validate(JsonDocument.Parse(node.ToJsonString()).RootElement);

        Assert.Contains(errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }
}
