using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// <c>everest-site.billing</c>: identity of the operator in CDRs, where the site is (OCPI needs it), the tariffs
/// with their versions, and which tokens pay which tariff.
/// </summary>
public sealed class BillingOptions
{
    /// <summary>ISO 4217 code, e.g. EUR.</summary>
    public string Currency { get; set; } = "";

    /// <summary>ISO 3166-1 alpha-2 code of the operator (OCPI <c>country_code</c>).</summary>
    [ConfigurationKeyName("country-code")]
    public string CountryCode { get; set; } = "";

    /// <summary>OCPI party id of the operator (three characters).</summary>
    [ConfigurationKeyName("party-id")]
    public string PartyId { get; set; } = "";

    /// <summary>IANA time zone that tariff time windows are read in (e.g. Europe/Berlin); null: the machine's local zone.</summary>
    [ConfigurationKeyName("time-zone")]
    public string? TimeZone { get; set; }

    /// <summary>Tariff of every token in no token group; must name one of <see cref="Tariffs"/>, or be null for unpriced CDRs.</summary>
    [ConfigurationKeyName("default-tariff")]
    public string? DefaultTariff { get; set; }

    /// <summary>Tariff versions; entries with the same id are versions of one tariff.</summary>
    public List<TariffOptions> Tariffs { get; set; } = [];

    /// <summary>Tokens that pay another tariff than the default one; the first group that contains a token wins.</summary>
    [ConfigurationKeyName("token-groups")]
    public List<TokenGroupOptions> TokenGroups { get; set; } = [];

    /// <summary>The site as OCPI CDRs describe it.</summary>
    public BillingLocationOptions Location { get; set; } = new();

    /// <summary>The connector every EVSE has unless <see cref="Evses"/> says otherwise.</summary>
    public BillingConnectorOptions Connector { get; set; } = new();

    /// <summary>Per-EVSE identity and connector for CDRs (EVSEs not listed use their configured id and <see cref="Connector"/>).</summary>
    public List<BillingEvseOptions> Evses { get; set; } = [];
}
