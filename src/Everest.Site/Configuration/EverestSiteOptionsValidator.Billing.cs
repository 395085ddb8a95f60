using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// <c>everest-site.billing</c>: currency and OCPI identity, tariff versions that follow each other, windows with
/// at least one price, token groups naming existing tariffs, the time zone, the OCPI location and connector names,
/// and per-EVSE entries naming configured EVSEs. Self-contained (its own key helpers) so the section reads alone.
/// </summary>
internal sealed partial class EverestSiteOptionsValidator
{
    private void ValidateBilling(BillingOptions b, List<ChargerOptions> chargers)
    {
        PatternAt(BillingKey("currency"), b.Currency, 3, char.IsAsciiLetterUpper, "an ISO 4217 currency code such as EUR");
        PatternAt(BillingKey("country-code"), b.CountryCode, 2, char.IsAsciiLetterUpper, "an ISO 3166 alpha-2 country code such as DE");
        PatternAt(BillingKey("party-id"), b.PartyId, 3, c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c), "a three-character OCPI party id such as EVS");
        if (b.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            ReportAt(BillingKey("time-zone"), $"expected an IANA time zone such as Europe/Berlin, found '{zone}'");
        }

        var tariffIds = ValidateTariffs(b.Tariffs);
        if (b.DefaultTariff is not null && !tariffIds.Contains(b.DefaultTariff))
        {
            ReportAt(BillingKey("default-tariff"), $"expected the id of one of billing.tariffs, found '{b.DefaultTariff}'");
        }

        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < b.TokenGroups.Count; g++)
        {
            var group = b.TokenGroups[g];
            UniqueAt(BillingKey("token-groups", g, "id"), group.Id, groupIds, "token group id");
            if (!tariffIds.Contains(group.Tariff))
            {
                ReportAt(BillingKey("token-groups", g, "tariff"), $"expected the id of one of billing.tariffs, found '{group.Tariff}'");
            }

            if (group.Tokens.Count == 0 && group.TokenPrefixes.Count == 0)
            {
                ReportAt(BillingKey("token-groups", g), "expected at least one of tokens, token-prefixes");
            }

            for (var i = 0; i < group.Tokens.Count; i++)
            {
                RequireAt(BillingKey("token-groups", g, "tokens", i), group.Tokens[i]);
            }

            for (var i = 0; i < group.TokenPrefixes.Count; i++)
            {
                RequireAt(BillingKey("token-groups", g, "token-prefixes", i), group.TokenPrefixes[i]);
            }
        }

        ValidateLocation(b.Location);
        ValidateConnector(BillingKey("connector", "standard"), BillingKey("connector", "format"), BillingKey("connector", "power-type"), b.Connector.Standard, b.Connector.Format, b.Connector.PowerType);
        var configuredEvses = chargers.SelectMany(c => c.Evses).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var billedEvses = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < b.Evses.Count; e++)
        {
            var evse = b.Evses[e];
            UniqueAt(BillingKey("evses", e, "id"), evse.Id, billedEvses, "EVSE id");
            if (!string.IsNullOrWhiteSpace(evse.Id) && !configuredEvses.Contains(evse.Id))
            {
                ReportAt(BillingKey("evses", e, "id"), $"expected the id of an EVSE in chargers[].evses[], found '{evse.Id}'");
            }

            MaxLength(BillingKey("evses", e, "evse-id"), evse.EvseId, 48);
            RequireAt(BillingKey("evses", e, "connector-id"), evse.ConnectorId);
            MaxLength(BillingKey("evses", e, "connector-id"), evse.ConnectorId, 36);
            ValidateConnector(BillingKey("evses", e, "connector-standard"), BillingKey("evses", e, "connector-format"), BillingKey("evses", e, "power-type"), evse.ConnectorStandard, evse.ConnectorFormat, evse.PowerType);
        }
    }

    private HashSet<string> ValidateTariffs(List<TariffOptions> tariffs)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var versions = new HashSet<(string, int)>();
        for (var t = 0; t < tariffs.Count; t++)
        {
            var tariff = tariffs[t];
            if (string.IsNullOrWhiteSpace(tariff.Id))
            {
                ReportAt(BillingKey("tariffs", t, "id"), "expected a non-empty tariff id");
            }
            else
            {
                MaxLength(BillingKey("tariffs", t, "id"), tariff.Id, 36);
                ids.Add(tariff.Id);
                if (!versions.Add((tariff.Id, tariff.Version)))
                {
                    ReportAt(KeyOrElement(BillingKey("tariffs", t), "version"), $"tariff '{tariff.Id}' has version {tariff.Version} more than once (give each version its own number and valid-from)");
                }
            }

            AtLeastAt(BillingKey("tariffs", t, "version"), tariff.Version, 1);
            NotNegativeAt(BillingKey("tariffs", t, "energy-price-per-kwh"), tariff.EnergyPricePerKwh);
            NotNegativeAt(BillingKey("tariffs", t, "time-price-per-hour"), tariff.TimePricePerHour);
            NotNegativeAt(BillingKey("tariffs", t, "session-fee"), tariff.SessionFee);
            NotNegativeAt(BillingKey("tariffs", t, "idle-price-per-minute"), tariff.IdlePricePerMinute);
            NotNegativeAt(BillingKey("tariffs", t, "idle-grace-period"), tariff.IdleGracePeriod);
            for (var w = 0; w < tariff.TimeWindows.Count; w++)
            {
                var window = tariff.TimeWindows[w];
                if (window.From == window.To)
                {
                    ReportAt(BillingKey("tariffs", t, "time-windows", w, "to"), "expected 'to' to differ from 'from' (an empty window)");
                }

                if (window.EnergyPricePerKwh is null && window.TimePricePerHour is null && window.IdlePricePerMinute is null)
                {
                    ReportAt(BillingKey("tariffs", t, "time-windows", w), "expected at least one of energy-price-per-kwh, time-price-per-hour, idle-price-per-minute");
                }

                NotNegativeAt(BillingKey("tariffs", t, "time-windows", w, "energy-price-per-kwh"), window.EnergyPricePerKwh ?? 0);
                NotNegativeAt(BillingKey("tariffs", t, "time-windows", w, "time-price-per-hour"), window.TimePricePerHour ?? 0);
                NotNegativeAt(BillingKey("tariffs", t, "time-windows", w, "idle-price-per-minute"), window.IdlePricePerMinute ?? 0);
            }
        }

        ValidateTariffVersions(tariffs);
        return ids;
    }

    /// <summary>Versions of one tariff must follow each other: one may lack valid-from (the first), the rest rise in time with their numbers.</summary>
    private void ValidateTariffVersions(List<TariffOptions> tariffs)
    {
        foreach (var versions in tariffs.Select((tariff, index) => (tariff, index)).GroupBy(x => x.tariff.Id, StringComparer.Ordinal))
        {
            var ordered = versions.OrderBy(x => x.tariff.Version).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var (tariff, index) = ordered[i];
                if (i > 0 && tariff.ValidFrom is null)
                {
                    ReportAt(BillingKey("tariffs", index), $"expected a valid-from: tariff '{tariff.Id}' version {tariff.Version} follows version {ordered[i - 1].tariff.Version}");
                }
                else if (i > 0 && ordered[i - 1].tariff.ValidFrom is { } previous && tariff.ValidFrom is { } from && from <= previous)
                {
                    ReportAt(BillingKey("tariffs", index, "valid-from"), $"expected a valid-from after that of version {ordered[i - 1].tariff.Version} ({previous:O}), found {from:O}");
                }
            }
        }
    }

    private void ValidateLocation(BillingLocationOptions location)
    {
        MaxLength(BillingKey("location", "id"), location.Id, 36);
        MaxLength(BillingKey("location", "name"), location.Name, 255);
        MaxLength(BillingKey("location", "address"), location.Address, 45);
        MaxLength(BillingKey("location", "city"), location.City, 45);
        MaxLength(BillingKey("location", "postal-code"), location.PostalCode, 10);
        if (location.Country is { } country)
        {
            PatternAt(BillingKey("location", "country"), country, 3, char.IsAsciiLetterUpper, "an ISO 3166 alpha-3 country code such as DEU");
        }

        if (location.Latitude is { } latitude && !Latitude().IsMatch(latitude))
        {
            ReportAt(BillingKey("location", "latitude"), $"expected decimal degrees with 5 to 7 decimals such as \"52.520008\", found '{latitude}'");
        }

        if (location.Longitude is { } longitude && !Longitude().IsMatch(longitude))
        {
            ReportAt(BillingKey("location", "longitude"), $"expected decimal degrees with 5 to 7 decimals such as \"13.404954\", found '{longitude}'");
        }
    }

    private void ValidateConnector(string standardKey, string formatKey, string powerTypeKey, string? standard, string? format, string? powerType)
    {
        if (standard is not null && !OcpiNames.ConnectorTypes.Contains(standard))
        {
            ReportAt(standardKey, $"expected an OCPI connector type such as IEC_62196_T2, IEC_62196_T2_COMBO or CHADEMO, found '{standard}'");
        }

        if (format is not null && !OcpiNames.ConnectorFormats.Contains(format))
        {
            ReportAt(formatKey, $"expected SOCKET or CABLE, found '{format}'");
        }

        if (powerType is not null && !OcpiNames.PowerTypes.Contains(powerType))
        {
            ReportAt(powerTypeKey, $"expected one of {string.Join(", ", OcpiNames.PowerTypes)}, found '{powerType}'");
        }
    }

    /// <summary>The key of <paramref name="field"/> in an array element when it is set, else the element's (which has an origin).</summary>
    private string KeyOrElement(string elementKey, string field)
    {
        var key = ConfigurationPath.Combine(elementKey, field);
        return root[key] is null ? elementKey : key;
    }

    private void MaxLength(string key, string? value, int maximum)
    {
        if (value is { } text && text.Length > maximum)
        {
            ReportAt(key, $"expected at most {maximum} characters (OCPI), found {text.Length}");
        }
    }

    [GeneratedRegex(@"^-?[0-9]{1,2}\.[0-9]{5,7}$")]
    private static partial Regex Latitude();

    [GeneratedRegex(@"^-?[0-9]{1,3}\.[0-9]{5,7}$")]
    private static partial Regex Longitude();

    /// <summary>The key of a setting under <c>everest-site.billing</c>, e.g. (tariffs, 0, id).</summary>
    private static string BillingKey(params object[] segments) =>
        ConfigurationPath.Combine([EverestSiteOptions.SectionName, "billing", .. segments.Select(s => Convert.ToString(s, CultureInfo.InvariantCulture)!)]);

    private void ReportAt(string key, string message) =>
        _problems.Add(new ConfigurationProblem(key, ConfigurationOrigins.Describe(root, key), message));

    private void RequireAt(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ReportAt(key, "expected a non-empty value");
        }
    }

    private void UniqueAt(string key, string value, HashSet<string> seen, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ReportAt(key, $"expected a non-empty {what}");
        }
        else if (!seen.Add(value))
        {
            ReportAt(key, $"{what} '{value}' is used more than once");
        }
    }

    private void PatternAt(string key, string value, int length, Func<char, bool> allowed, string expected)
    {
        if (value.Length != length || !value.All(allowed))
        {
            ReportAt(key, $"expected {expected}, found '{value}'");
        }
    }

    private void NotNegativeAt(string key, decimal value)
    {
        if (value < 0)
        {
            ReportAt(key, $"expected 0 or more, found {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void NotNegativeAt(string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            ReportAt(key, $"expected a duration of 0 or more, found {value}");
        }
    }

    private void AtLeastAt(string key, long value, long minimum)
    {
        if (value < minimum)
        {
            ReportAt(key, $"expected at least {minimum}, found {value}");
        }
    }
}
