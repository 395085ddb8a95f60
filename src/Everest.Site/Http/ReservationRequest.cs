namespace Everest.Site.Http;

/// <summary>The body of <c>POST /api/reservations</c>.</summary>
/// <param name="EvseId">The EVSE to reserve; omitted: the site picks a free one.</param>
/// <param name="ConnectorType">When the site picks: only EVSEs with this connector type (EVerest's spelling, e.g. <c>sType2</c>).</param>
/// <param name="Token">The driver's token the reservation is for (required, at most 36 characters as an OCPP IdToken).</param>
/// <param name="ExpiresAt">When the site cancels it (ISO 8601); omitted: <c>reservations.default-expiry</c> from now.</param>
public sealed record ReservationRequest(string? EvseId, string? ConnectorType, string? Token, DateTimeOffset? ExpiresAt);
