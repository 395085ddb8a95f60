namespace Everest.Site.Evse;

/// <summary>
/// A message for one EVSE's entity (a command, a query, an EVerest publication), addressed by our EVSE id. The
/// fleet routes it through <see cref="EvseMessageExtractor"/>, so the same envelope works for a child-per-EVSE
/// parent and for a sharded entity.
/// </summary>
public sealed record EvseEnvelope(string EvseId, object Message);
