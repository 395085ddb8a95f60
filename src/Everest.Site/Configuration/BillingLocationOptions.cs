using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>billing.location</c>: the OCPI <c>cdr_location</c> fields of the site (OCPI export needs id, address, city, country and coordinates).</summary>
public sealed class BillingLocationOptions
{
    /// <summary>OCPI location id (at most 36 characters); null: the site id.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Street and number (at most 45 characters).</summary>
    public string? Address { get; set; }

    /// <summary>At most 45 characters.</summary>
    public string? City { get; set; }

    /// <summary>At most 10 characters.</summary>
    [ConfigurationKeyName("postal-code")]
    public string? PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-3 code, e.g. DEU.</summary>
    public string? Country { get; set; }

    /// <summary>Decimal degrees as OCPI writes them, e.g. "52.520008" (5 to 7 decimals).</summary>
    public string? Latitude { get; set; }

    /// <summary>Decimal degrees as OCPI writes them, e.g. "13.404954" (5 to 7 decimals).</summary>
    public string? Longitude { get; set; }
}
