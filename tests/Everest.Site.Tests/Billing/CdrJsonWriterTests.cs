using System.Security.Cryptography;
using System.Text.Json;
using Everest.Site.Billing;

namespace Everest.Site.Tests.Billing;

public sealed class CdrJsonWriterTests
{
    [Fact]
    public async Task The_json_export_is_one_array_with_the_cdr_its_periods_and_its_ocmf_values()
    {
        using var meter = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var site = CdrFixtures.Site();
        var records = CdrFixtures.All(site, meter);
        using var output = new MemoryStream();

        await CdrJsonWriter.WriteAsync(records, output);

        var array = JsonDocument.Parse(output.ToArray()).RootElement;
        Assert.Equal(records.Length, array.GetArrayLength());
        var first = array[0];
        Assert.Equal(("0f8e4a2c-6b1d-4c3e-9a7f-1234567890ab", "original", "DEPNXE123456*1"), (first.GetProperty("id").GetString(), first.GetProperty("kind").GetString(), first.GetProperty("evse_id").GetString()));
        Assert.Equal(14000m, first.GetProperty("energy_wh").GetDecimal());
        Assert.Equal(8.71m, first.GetProperty("cost").GetProperty("total").GetDecimal());
        Assert.Equal("2026-03-02T20:30:00.000Z", first.GetProperty("start").GetString());
        Assert.Equal(6, first.GetProperty("periods").GetArrayLength());
        Assert.Equal("paused_by_site", first.GetProperty("periods")[2].GetProperty("phase").GetString());
        Assert.Equal(first.GetProperty("cost").GetProperty("energy").GetDecimal(), Math.Round(first.GetProperty("periods").EnumerateArray().Sum(p => p.GetProperty("energy_cost").GetDecimal()), 2));
        var ocmf = first.GetProperty("ocmf");
        Assert.Equal("verified", ocmf.GetProperty("verdict").GetString());
        Assert.Equal(records[0].SignedEnd!.SignedMeterData, ocmf.GetProperty("signed_end").GetProperty("signed_meter_data").GetString());
        Assert.False(first.TryGetProperty("referenced_cdr_id", out _));
        Assert.Equal("credit", array[1].GetProperty("kind").GetString());
        Assert.Equal(first.GetProperty("id").GetString(), array[1].GetProperty("referenced_cdr_id").GetString());
    }
}
