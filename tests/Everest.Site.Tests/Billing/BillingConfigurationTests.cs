using System.Collections;
using Everest.Site.Billing;
using Everest.Site.Configuration;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Tests.Billing;

/// <summary>The billing section: tariff versions, token groups, OCPI location and connectors, and their errors.</summary>
public sealed class BillingConfigurationTests
{
    private const string Site = """
        everest-site {
          site-id = depot-1
          chargers = [
            { id = cp-1, system-module-id = sys-1, evses = [ { id = e-1, module-id = m-1 }, { id = e-2, module-id = m-2 } ] }
          ]
        }

        """;

    private const string FullBilling = """
        everest-site.billing {
          time-zone = "Europe/Berlin"
          default-tariff = public
          tariffs = [
            { id = public, energy-price-per-kwh = 0.49, time-price-per-hour = 1.2, idle-price-per-minute = 0.10, idle-grace-period = 30m,
              time-windows = [ { days = [sat, sun], from = "00:00", to = "23:59", idle-price-per-minute = 0 } ] }
            { id = public, version = 2, valid-from = "2027-01-01T00:00:00+01:00", energy-price-per-kwh = 0.55 }
            { id = staff, energy-price-per-kwh = 0.20 }
          ]
          token-groups = [ { id = employees, tariff = staff, tokens = ["04AABBCC"] } ]
          location { address = "Hauptstrasse 1", city = Berlin, postal-code = "10115", country = DEU, latitude = "52.520008", longitude = "13.404954" }
          evses = [ { id = e-2, evse-id = "DE*EVS*E123456*2", connector-id = "2", connector-standard = IEC_62196_T2_COMBO, power-type = DC, connector-format = CABLE } ]
        }
        """;

    private static EverestSiteOptions Load(string text)
    {
        using var file = new TempConfig(Site + text);
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: new Hashtable()));
    }

    private static ConfigurationProblem Problem(string text, string key, string expected)
    {
        using var file = new TempConfig(Site + text);
        var configuration = SiteConfiguration.Load(file.Path, environment: new Hashtable());
        var error = Assert.Throws<ConfigurationException>(() => SiteConfiguration.BindAndValidate(configuration));
        return error.Problems.FirstOrDefault(p => p.Key == key && p.Message.Contains(expected, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no problem for {key}; problems: {string.Join(" | ", error.Problems)}");
    }

    [Fact]
    public void A_full_billing_section_becomes_a_tariff_book_and_the_cdr_names_of_each_evse()
    {
        var site = new BillingSite(Load(FullBilling));

        var book = site.Tariffs;
        Assert.Equal("EUR", book.Currency);
        Assert.Equal("Europe/Berlin", book.TimeZone.Id);
        var token = new IdToken("someone", "ISO14443");
        var before = book.Select(token, new DateTimeOffset(2026, 12, 31, 22, 59, 59, TimeSpan.Zero)).Tariff!;
        Assert.Equal((1, 0.49m, 1.2m, 0.10m, TimeSpan.FromMinutes(30)), (before.Version, before.EnergyPerKwh, before.TimePerHour, before.IdlePerMinute, before.IdleGracePeriod));
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], Assert.Single(before.Windows).Days.ToArray());
        Assert.Equal(2, book.Select(token, new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero)).Tariff?.Version);
        Assert.Equal(("staff", "employees"), (book.Select(new IdToken("04aabbcc", "ISO14443"), DateTimeOffset.UnixEpoch).Tariff?.Id, book.Select(new IdToken("04AABBCC", "ISO14443"), DateTimeOffset.UnixEpoch).TokenGroupId));

        Assert.Equal(new Everest.Site.Domain.Billing.Cdrs.CdrEvse("depot-1", "cp-1", "e-1", "e-1", "1"), site.EvseFor("e-1"));
        Assert.Equal("DEPNXE123456*1", site.EvseFor("e-1", reportedEvseId: "DEPNXE123456*1").EvseId);
        Assert.Equal(("DE*EVS*E123456*2", "2"), (site.EvseFor("e-2", "ignored").EvseId, site.EvseFor("e-2").ConnectorId));
        Assert.Equal(new OcpiConnector("IEC_62196_T2", "SOCKET", "AC_3_PHASE"), site.ConnectorOf("e-1"));
        Assert.Equal(new OcpiConnector("IEC_62196_T2_COMBO", "CABLE", "DC"), site.ConnectorOf("e-2"));
        Assert.Equal(new OcpiLocation("depot-1", null, "Hauptstrasse 1", "Berlin", "10115", "DEU", "52.520008", "13.404954"), site.Location);
        Assert.Throws<KeyNotFoundException>(() => site.EvseFor("nowhere"));
    }

    [Fact]
    public void The_keys_of_earlier_versions_keep_working()
    {
        var options = Load("""
            everest-site.billing {
              default-tariff = depot
              tariffs = [ { id = depot, energy-price-per-kwh = 0.39, idle-price-per-minute = 0.10, idle-grace-period = 30m,
                            time-windows = [ { from = "22:00", to = "06:00", energy-price-per-kwh = 0.29 } ] } ]
            }
            """);

        var tariff = Assert.Single(BillingSite.TariffBookOf(options.Billing).Tariffs);
        Assert.Equal((1, (DateTimeOffset?)null, 0.39m, 0m), (tariff.Version, tariff.ValidFrom, tariff.EnergyPerKwh, tariff.TimePerHour));
        Assert.Equal(0.29m, Assert.Single(tariff.Windows).EnergyPerKwh);
        Assert.Null(Assert.Single(tariff.Windows).IdlePerMinute);
        Assert.Equal(7, tariff.Windows[0].Days.Length);
    }

    [Fact]
    public void The_example_in_docs_billing_md_is_a_valid_billing_section()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryFiles.HoconDirectory, "..", "docs", "billing.md"));
        var start = doc.IndexOf("```hocon\nbilling {", StringComparison.Ordinal) + "```hocon\n".Length;
        var example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var chargers = """
            everest-site.chargers = [
              { id = cp-1, system-module-id = sys-1, evses = [ { id = cp-1-1, module-id = m-1 } ] }
              { id = cp-3, system-module-id = sys-3, evses = [ { id = cp-3-1, module-id = m-3 } ] }
            ]

            """;

        var site = new BillingSite(Load(chargers + "everest-site." + example));

        Assert.Equal(3, site.Tariffs.Tariffs.Length);
        Assert.Equal("DE*EVS*E123456*1", site.EvseFor("cp-1-1").EvseId);
        Assert.Equal("DC", site.ConnectorOf("cp-3-1").PowerType);
    }

    [Theory]
    [InlineData("everest-site.billing.tariffs = [ { id = t, energy-price-per-kwh = 1 }, { id = t, energy-price-per-kwh = 2 } ]", "everest-site:billing:tariffs:1", "version 1 more than once")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, energy-price-per-kwh = 1 }, { id = t, version = 2, energy-price-per-kwh = 2 } ]", "everest-site:billing:tariffs:1", "expected a valid-from")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, valid-from = \"2027-01-01T00:00:00Z\", energy-price-per-kwh = 1 }, { id = t, version = 2, valid-from = \"2026-01-01T00:00:00Z\", energy-price-per-kwh = 2 } ]", "everest-site:billing:tariffs:1:valid-from", "after that of version 1")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, valid-from = \"next monday\", energy-price-per-kwh = 1 } ]", "everest-site:billing:tariffs:0:valid-from", "a date and time with offset")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, valid-from = \"2027-01-01T00:00:00\", energy-price-per-kwh = 1 } ]", "everest-site:billing:tariffs:0:valid-from", "a date and time with offset")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, version = 0, energy-price-per-kwh = 1 } ]", "everest-site:billing:tariffs:0:version", "at least 1")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, time-price-per-hour = -2 } ]", "everest-site:billing:tariffs:0:time-price-per-hour", "expected 0 or more")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, time-windows = [ { from = \"08:00\", to = \"09:00\" } ] } ]", "everest-site:billing:tariffs:0:time-windows:0", "at least one of energy-price-per-kwh")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, time-windows = [ { from = \"08:00\", to = \"09:00\", idle-price-per-minute = -1 } ] } ]", "everest-site:billing:tariffs:0:time-windows:0:idle-price-per-minute", "expected 0 or more")]
    [InlineData("everest-site.billing.token-groups = [ { id = g, tariff = missing, tokens = [a] } ]", "everest-site:billing:token-groups:0:tariff", "found 'missing'")]
    [InlineData("everest-site.billing { tariffs = [ { id = t } ], token-groups = [ { id = g, tariff = t } ] }", "everest-site:billing:token-groups:0", "at least one of tokens, token-prefixes")]
    [InlineData("everest-site.billing.time-zone = Mars/Olympus", "everest-site:billing:time-zone", "IANA time zone")]
    [InlineData("everest-site.billing.location.country = DE", "everest-site:billing:location:country", "alpha-3")]
    [InlineData("everest-site.billing.location.latitude = \"52.5\"", "everest-site:billing:location:latitude", "5 to 7 decimals")]
    [InlineData("everest-site.billing.location.address = \"a street name far longer than forty-five characters\"", "everest-site:billing:location:address", "at most 45 characters")]
    [InlineData("everest-site.billing.connector.standard = TYPE2", "everest-site:billing:connector:standard", "OCPI connector type")]
    [InlineData("everest-site.billing.evses = [ { id = e-9 } ]", "everest-site:billing:evses:0:id", "found 'e-9'")]
    [InlineData("everest-site.billing.evses = [ { id = e-1, power-type = AC } ]", "everest-site:billing:evses:0:power-type", "found 'AC'")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, version = 3, energy-price-per-kwh = 1 }, { id = t, version = 3, valid-from = \"2027-01-01T00:00:00Z\", energy-price-per-kwh = 2 } ]", "everest-site:billing:tariffs:1:version", "version 3 more than once")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, time-windows = [ { from = \"08:00\", to = \"09:00\", energy-price-per-kwh = -0.5 } ] } ]", "everest-site:billing:tariffs:0:time-windows:0:energy-price-per-kwh", "found -0.5")]
    [InlineData("everest-site.billing { tariffs = [ { id = t } ], token-groups = [ { id = g, tariff = t, token-prefixes = [\" \"] } ] }", "everest-site:billing:token-groups:0:token-prefixes:0", "expected a non-empty value")]
    [InlineData("everest-site.billing.party-id = ev", "everest-site:billing:party-id", "OCPI party id")]
    [InlineData("everest-site.billing.evses = [ { id = e-1, connector-id = \"a connector id longer than thirty-six characters\" } ]", "everest-site:billing:evses:0:connector-id", "at most 36 characters")]
    public void Bad_billing_values_name_the_key_and_the_line(string text, string key, string expected)
    {
        var problem = Problem(text, key, expected);

        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Matches(@"site\.conf:\d+", problem.Origin);
    }
}
