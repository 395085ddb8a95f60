using System.Collections.Immutable;
using Everest.Site.Configuration;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Tariffs;

namespace Everest.Site.Billing;

/// <summary>
/// Everything billing needs from the site configuration, resolved once: the tariff book, how CDRs name each EVSE
/// and its connector, and the operator's OCPI identity and location.
/// </summary>
public sealed class BillingSite
{
    private readonly Dictionary<string, (string ChargerId, BillingEvseOptions? Billing)> _evses = new(StringComparer.Ordinal);
    private readonly OcpiConnector _defaultConnector;

    public BillingSite(EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var billing = options.Billing;
        SiteId = options.SiteId;
        CountryCode = billing.CountryCode;
        PartyId = billing.PartyId;
        Tariffs = TariffBookOf(billing);
        var location = billing.Location;
        Location = new OcpiLocation(location.Id ?? options.SiteId, location.Name, location.Address, location.City, location.PostalCode, location.Country, location.Latitude, location.Longitude);
        _defaultConnector = new OcpiConnector(billing.Connector.Standard, billing.Connector.Format, billing.Connector.PowerType);
        var overrides = billing.Evses.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var charger in options.Chargers)
        {
            foreach (var evse in charger.Evses)
            {
                _evses[evse.Id] = (charger.Id, overrides.GetValueOrDefault(evse.Id));
            }
        }
    }

    public string SiteId { get; }

    /// <summary>OCPI <c>country_code</c> of the operator.</summary>
    public string CountryCode { get; }

    /// <summary>OCPI <c>party_id</c> of the operator.</summary>
    public string PartyId { get; }

    public TariffBook Tariffs { get; }

    public OcpiLocation Location { get; }

    /// <summary>
    /// How CDRs name the configured EVSE <paramref name="configuredId"/>: its <c>billing.evses</c> entry's evse-id,
    /// else the id EVerest reported (when the caller has it), else the configured id.
    /// </summary>
    public CdrEvse EvseFor(string configuredId, string? reportedEvseId = null)
    {
        ArgumentNullException.ThrowIfNull(configuredId);
        if (!_evses.TryGetValue(configuredId, out var evse))
        {
            throw new KeyNotFoundException($"EVSE '{configuredId}' is not configured (everest-site.chargers[].evses[])");
        }

        var evseId = evse.Billing?.EvseId ?? reportedEvseId ?? configuredId;
        return new CdrEvse(SiteId, evse.ChargerId, evseId, configuredId, evse.Billing?.ConnectorId ?? "1");
    }

    /// <summary>
    /// How CDRs name the EVSE of a stored history: as <see cref="EvseFor"/> while it is configured; an EVSE removed
    /// from the configuration since keeps its configured id, with no charger and connector 1.
    /// </summary>
    public CdrEvse EvseOfHistory(string configuredId)
    {
        ArgumentNullException.ThrowIfNull(configuredId);
        return _evses.ContainsKey(configuredId) ? EvseFor(configuredId) : new CdrEvse(SiteId, string.Empty, configuredId, configuredId, "1");
    }

    /// <summary>The OCPI connector of the configured EVSE <paramref name="configuredId"/> (the site default for an unknown one).</summary>
    public OcpiConnector ConnectorOf(string configuredId)
    {
        var billing = _evses.TryGetValue(configuredId, out var evse) ? evse.Billing : null;
        return new OcpiConnector(
            billing?.ConnectorStandard ?? _defaultConnector.Standard,
            billing?.ConnectorFormat ?? _defaultConnector.Format,
            billing?.PowerType ?? _defaultConnector.PowerType);
    }

    /// <summary>The Domain's tariff book from <c>everest-site.billing</c> (validated beforehand by the options validator).</summary>
    public static TariffBook TariffBookOf(BillingOptions billing)
    {
        ArgumentNullException.ThrowIfNull(billing);
        var zone = billing.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Local;
        var tariffs = billing.Tariffs.Select(t => new Tariff(
            t.Id,
            t.Version,
            t.ValidFrom,
            t.EnergyPricePerKwh,
            t.TimePricePerHour,
            t.SessionFee,
            t.IdlePricePerMinute,
            t.IdleGracePeriod,
            [.. t.TimeWindows.Select(w => new TariffWindow(DaysOf(w.Days), w.From, w.To, w.EnergyPricePerKwh, w.TimePricePerHour, w.IdlePricePerMinute))]));
        var groups = billing.TokenGroups.Select(g => new TokenGroup(g.Id, g.Tariff, [.. g.Tokens], [.. g.TokenPrefixes]));
        return new TariffBook(billing.Currency, zone, billing.DefaultTariff, [.. tariffs], [.. groups]);
    }

    private static ImmutableArray<DayOfWeek> DaysOf(List<Weekday> days) =>
        days.Count == 0 ? [.. Enum.GetValues<DayOfWeek>()] : [.. days.Distinct().Select(DayOf)];

    private static DayOfWeek DayOf(Weekday day) => day switch
    {
        Weekday.Mon => DayOfWeek.Monday,
        Weekday.Tue => DayOfWeek.Tuesday,
        Weekday.Wed => DayOfWeek.Wednesday,
        Weekday.Thu => DayOfWeek.Thursday,
        Weekday.Fri => DayOfWeek.Friday,
        Weekday.Sat => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };
}
