namespace Everest.Site.Domain.Evse;

/// <summary>The reservation holding an EVSE.</summary>
public sealed record ActiveReservation(int ReservationId, DateTimeOffset Since, DateTimeOffset? ExpiresAt);
