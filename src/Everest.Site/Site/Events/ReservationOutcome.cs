namespace Everest.Site.Site.Events;

/// <summary>How a reservation ended. Stored by name.</summary>
public enum ReservationOutcome
{
    /// <summary>Its expiry passed; the site sent cancel_reservation.</summary>
    Expired,

    /// <summary>EVerest ended it (ReservationEnd), e.g. cancelled at the charger or by the CSMS.</summary>
    Ended,

    /// <summary>A session started on the reserved EVSE: the driver came.</summary>
    Used,

    /// <summary>Cancelled through the site's API.</summary>
    Cancelled,
}
