using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.billing</c>: identity of the operator in CDRs and the tariffs that price sessions.</summary>
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

    /// <summary>Tariff applied to every session; must name one of <see cref="Tariffs"/>, or be null for unpriced CDRs.</summary>
    [ConfigurationKeyName("default-tariff")]
    public string? DefaultTariff { get; set; }

    public List<TariffOptions> Tariffs { get; set; } = [];
}
