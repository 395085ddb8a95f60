namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>Where a transaction took place, as a CDR names it.</summary>
/// <param name="EvseId">The EVSE id as EVerest reports it (e.g. <c>DEPNXE123456*1</c>), else the configured id.</param>
/// <param name="ConfiguredId">The EVSE's id in the site configuration (its actor's persistence id is <c>evse-{id}</c>).</param>
public sealed record CdrEvse(string SiteId, string ChargerId, string EvseId, string ConfiguredId, string ConnectorId);
