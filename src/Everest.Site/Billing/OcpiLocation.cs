namespace Everest.Site.Billing;

/// <summary>The site as OCPI's <c>cdr_location</c> describes it; null fields are missing from the configuration.</summary>
public sealed record OcpiLocation(
    string Id,
    string? Name,
    string? Address,
    string? City,
    string? PostalCode,
    string? Country,
    string? Latitude,
    string? Longitude);
