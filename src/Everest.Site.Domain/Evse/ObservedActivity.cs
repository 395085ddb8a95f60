namespace Everest.Site.Domain.Evse;

/// <summary>What EVerest's session_info says an EVSE is doing, reduced to what reconciliation needs.</summary>
public enum ObservedActivity
{
    /// <summary>No EV, no session (Unplugged, Disabled, Reserved, Unknown with nothing in progress).</summary>
    Idle,

    /// <summary>A session without a transaction (Preparing, AuthRequired, AuthTimeout, Finished*: plugged, not billing).</summary>
    SessionOnly,

    /// <summary>A transaction is running (WaitingForEnergy, Charging, ChargingPaused*).</summary>
    Transaction,
}
