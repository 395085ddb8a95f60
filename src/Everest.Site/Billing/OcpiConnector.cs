namespace Everest.Site.Billing;

/// <summary>An EVSE's connector as OCPI's <c>cdr_location</c> names it (values from <see cref="Configuration.OcpiNames"/>).</summary>
public sealed record OcpiConnector(string Standard, string Format, string PowerType);
