using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace Everest.Site.Configuration;

/// <summary>
/// <c>everest-site.billing</c>: currency and OCPI identity, tariff versions that follow each other, windows with
/// at least one price, token groups naming existing tariffs, the time zone, the OCPI location and connector names,
/// and per-EVSE entries naming configured EVSEs. Keys come from the options properties, as in the other sections.
/// </summary>
internal sealed partial class EverestSiteOptionsValidator
{
    private void ValidateBilling(BillingOptions b, List<ChargerOptions> chargers)
    {
        Pattern(x => x.Billing.Currency, 3, char.IsAsciiLetterUpper, "an ISO 4217 currency code such as EUR");
        Pattern(x => x.Billing.CountryCode, 2, char.IsAsciiLetterUpper, "an ISO 3166 alpha-2 country code such as DE");
        Pattern(x => x.Billing.PartyId, 3, c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c), "a three-character OCPI party id such as EVS");
        if (b.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            Report(x => x.Billing.TimeZone, $"expected an IANA time zone such as Europe/Berlin, found '{zone}'");
        }

        var tariffIds = ValidateTariffs(b.Tariffs);
        if (b.DefaultTariff is not null && !tariffIds.Contains(b.DefaultTariff))
        {
            Report(x => x.Billing.DefaultTariff, $"expected the id of one of billing.tariffs, found '{b.DefaultTariff}'");
        }

        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < b.TokenGroups.Count; g++)
        {
            var group = b.TokenGroups[g];
            Unique(x => x.Billing.TokenGroups[g].Id, groupIds, "token group id");
            if (!tariffIds.Contains(group.Tariff))
            {
                Report(x => x.Billing.TokenGroups[g].Tariff, $"expected the id of one of billing.tariffs, found '{group.Tariff}'");
            }

            if (group.Tokens.Count == 0 && group.TokenPrefixes.Count == 0)
            {
                Report(x => x.Billing.TokenGroups[g], "expected at least one of tokens, token-prefixes");
            }

            for (var i = 0; i < group.Tokens.Count; i++)
            {
                Require(x => x.Billing.TokenGroups[g].Tokens[i]);
            }

            for (var i = 0; i < group.TokenPrefixes.Count; i++)
            {
                Require(x => x.Billing.TokenGroups[g].TokenPrefixes[i]);
            }
        }

        ValidateLocation(b.Location);
        ValidateConnector(x => x.Billing.Connector.Standard, x => x.Billing.Connector.Format, x => x.Billing.Connector.PowerType);
        var configuredEvses = chargers.SelectMany(c => c.Evses).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var billedEvses = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < b.Evses.Count; e++)
        {
            var evse = b.Evses[e];
            Unique(x => x.Billing.Evses[e].Id, billedEvses, "EVSE id");
            if (!string.IsNullOrWhiteSpace(evse.Id) && !configuredEvses.Contains(evse.Id))
            {
                Report(x => x.Billing.Evses[e].Id, $"expected the id of an EVSE in chargers[].evses[], found '{evse.Id}'");
            }

            MaxLength(x => x.Billing.Evses[e].EvseId, 48);
            Require(x => x.Billing.Evses[e].ConnectorId);
            MaxLength(x => x.Billing.Evses[e].ConnectorId, 36);
            ValidateConnector(x => x.Billing.Evses[e].ConnectorStandard, x => x.Billing.Evses[e].ConnectorFormat, x => x.Billing.Evses[e].PowerType);
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
                Report(x => x.Billing.Tariffs[t].Id, "expected a non-empty tariff id");
            }
            else
            {
                MaxLength(x => x.Billing.Tariffs[t].Id, 36);
                ids.Add(tariff.Id);
                if (!versions.Add((tariff.Id, tariff.Version)))
                {
                    ReportAtSettingOrElement(x => x.Billing.Tariffs[t].Version, x => x.Billing.Tariffs[t], $"tariff '{tariff.Id}' has version {tariff.Version} more than once (give each version its own number and valid-from)");
                }
            }

            AtLeast(x => x.Billing.Tariffs[t].Version, 1);
            NotNegative(x => x.Billing.Tariffs[t].EnergyPricePerKwh);
            NotNegative(x => x.Billing.Tariffs[t].TimePricePerHour);
            NotNegative(x => x.Billing.Tariffs[t].SessionFee);
            NotNegative(x => x.Billing.Tariffs[t].IdlePricePerMinute);
            NotNegative(x => x.Billing.Tariffs[t].IdleGracePeriod);
            for (var w = 0; w < tariff.TimeWindows.Count; w++)
            {
                var window = tariff.TimeWindows[w];
                if (window.From == window.To)
                {
                    Report(x => x.Billing.Tariffs[t].TimeWindows[w].To, "expected 'to' to differ from 'from' (an empty window)");
                }

                if (window.EnergyPricePerKwh is null && window.TimePricePerHour is null && window.IdlePricePerMinute is null)
                {
                    Report(x => x.Billing.Tariffs[t].TimeWindows[w], "expected at least one of energy-price-per-kwh, time-price-per-hour, idle-price-per-minute");
                }

                NotNegative(x => x.Billing.Tariffs[t].TimeWindows[w].EnergyPricePerKwh ?? 0);
                NotNegative(x => x.Billing.Tariffs[t].TimeWindows[w].TimePricePerHour ?? 0);
                NotNegative(x => x.Billing.Tariffs[t].TimeWindows[w].IdlePricePerMinute ?? 0);
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
                    Report(x => x.Billing.Tariffs[index], $"expected a valid-from: tariff '{tariff.Id}' version {tariff.Version} follows version {ordered[i - 1].tariff.Version}");
                }
                else if (i > 0 && ordered[i - 1].tariff.ValidFrom is { } previous && tariff.ValidFrom is { } from && from <= previous)
                {
                    Report(x => x.Billing.Tariffs[index].ValidFrom, $"expected a valid-from after that of version {ordered[i - 1].tariff.Version} ({previous:O}), found {from:O}");
                }
            }
        }
    }

    private void ValidateLocation(BillingLocationOptions location)
    {
        MaxLength(x => x.Billing.Location.Id, 36);
        MaxLength(x => x.Billing.Location.Name, 255);
        MaxLength(x => x.Billing.Location.Address, 45);
        MaxLength(x => x.Billing.Location.City, 45);
        MaxLength(x => x.Billing.Location.PostalCode, 10);
        if (location.Country is not null)
        {
            Pattern(x => x.Billing.Location.Country!, 3, char.IsAsciiLetterUpper, "an ISO 3166 alpha-3 country code such as DEU");
        }

        if (location.Latitude is { } latitude && !Latitude().IsMatch(latitude))
        {
            Report(x => x.Billing.Location.Latitude, $"expected decimal degrees with 5 to 7 decimals such as \"52.520008\", found '{latitude}'");
        }

        if (location.Longitude is { } longitude && !Longitude().IsMatch(longitude))
        {
            Report(x => x.Billing.Location.Longitude, $"expected decimal degrees with 5 to 7 decimals such as \"13.404954\", found '{longitude}'");
        }
    }

    private void ValidateConnector(
        Expression<Func<EverestSiteOptions, string?>> standardOption,
        Expression<Func<EverestSiteOptions, string?>> formatOption,
        Expression<Func<EverestSiteOptions, string?>> powerTypeOption)
    {
        if (OptionKeys.Resolve(_options, standardOption).Value is { } standard && !OcpiNames.ConnectorTypes.Contains(standard))
        {
            Report(standardOption, $"expected an OCPI connector type such as IEC_62196_T2, IEC_62196_T2_COMBO or CHADEMO, found '{standard}'");
        }

        if (OptionKeys.Resolve(_options, formatOption).Value is { } format && !OcpiNames.ConnectorFormats.Contains(format))
        {
            Report(formatOption, $"expected SOCKET or CABLE, found '{format}'");
        }

        if (OptionKeys.Resolve(_options, powerTypeOption).Value is { } powerType && !OcpiNames.PowerTypes.Contains(powerType))
        {
            Report(powerTypeOption, $"expected one of {string.Join(", ", OcpiNames.PowerTypes)}, found '{powerType}'");
        }
    }

    /// <summary>Reports at <paramref name="setting"/> when the configuration sets it, else at its array element (which has an origin).</summary>
    private void ReportAtSettingOrElement<TSetting, TElement>(
        Expression<Func<EverestSiteOptions, TSetting>> setting, Expression<Func<EverestSiteOptions, TElement>> element, string message)
    {
        if (root[Key(setting)] is null)
        {
            Report(element, message);
        }
        else
        {
            Report(setting, message);
        }
    }

    private void MaxLength(Expression<Func<EverestSiteOptions, string?>> option, int maximum)
    {
        if (OptionKeys.Resolve(_options, option).Value is { } text && text.Length > maximum)
        {
            Report(option, $"expected at most {maximum} characters (OCPI), found {text.Length}");
        }
    }

    private void Pattern(Expression<Func<EverestSiteOptions, string>> option, int length, Func<char, bool> allowed, string expected)
    {
        var value = OptionKeys.Resolve(_options, option).Value;
        if (value.Length != length || !value.All(allowed))
        {
            Report(option, $"expected {expected}, found '{value}'");
        }
    }

    private void NotNegative(Expression<Func<EverestSiteOptions, decimal>> option)
    {
        var value = OptionKeys.Resolve(_options, option).Value;
        if (value < 0)
        {
            Report(option, $"expected 0 or more, found {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    [GeneratedRegex(@"^-?[0-9]{1,2}\.[0-9]{5,7}$")]
    private static partial Regex Latitude();

    [GeneratedRegex(@"^-?[0-9]{1,3}\.[0-9]{5,7}$")]
    private static partial Regex Longitude();
}
