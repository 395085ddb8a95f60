namespace Everest.Site.Domain.Evse;

/// <summary>The session in progress on an EVSE, as its history knows it.</summary>
public sealed record OpenSession(string Uuid, DateTimeOffset StartedAt, string Reason, IdToken? IdToken, int? ReservationId, bool Authorized);
