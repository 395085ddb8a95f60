using Everest.Site.Domain.Billing.Sessions;

namespace Everest.Site.Billing.Projection;

/// <summary>One row of <c>charging_session</c>: a transaction of the EVSE <paramref name="EvseId"/> (its configured id) as the fold left it.</summary>
public sealed record ProjectedSession(string PersistenceId, string EvseId, ChargingSession Session);
