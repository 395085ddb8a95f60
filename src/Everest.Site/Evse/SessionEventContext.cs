using Everest.Site.Domain.Evse;

namespace Everest.Site.Evse;

/// <summary>
/// What an EVSE actor knows beyond the session event itself when it turns one into history: its history state
/// and the requests of ours still waiting for EVerest's effect.
/// </summary>
/// <param name="SitePauseReason">Set while our pause_charging is pending: the next ChargingPausedEVSE is the site's.</param>
/// <param name="SiteResumeRequested">Set while our resume_charging is pending: the next resume is the site's.</param>
/// <param name="RequestedReservation">Our reserve request waiting for ReservationStart (which carries no id).</param>
/// <param name="SiteCancelledReservation">Set while our cancel_reservation waits for ReservationEnd.</param>
/// <param name="OcmfPublicKey">The meter's OCMF public key as last published.</param>
public sealed record SessionEventContext(
    EvseHistoryState History,
    string? SitePauseReason,
    bool SiteResumeRequested,
    Reserve? RequestedReservation,
    bool SiteCancelledReservation,
    string? OcmfPublicKey);
