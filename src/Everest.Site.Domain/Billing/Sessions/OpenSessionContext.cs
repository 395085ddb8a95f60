using Everest.Site.Domain.Evse;

namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>What a session (plug-in to unplug) told us before its transaction: the fallback for the transaction's reservation id.</summary>
public sealed record OpenSessionContext(string Uuid, DateTimeOffset At, IdToken? IdToken, int? ReservationId);
