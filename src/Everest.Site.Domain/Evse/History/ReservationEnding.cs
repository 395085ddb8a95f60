namespace Everest.Site.Domain.Evse.History;

/// <summary>How a reservation ended.</summary>
public enum ReservationEnding
{
    /// <summary>EVerest reported ReservationEnd (cancelled, or ended by the charger).</summary>
    Ended,

    /// <summary>Its driver started a transaction with it (EVerest reports no ReservationEnd then).</summary>
    Used,

    /// <summary>We cancelled it because it expired (EvseManager has no expiry of its own).</summary>
    Expired,

    /// <summary>An operator or the CSMS cancelled it.</summary>
    Cancelled,
}
