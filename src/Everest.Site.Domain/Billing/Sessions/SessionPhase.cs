namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>What a transaction was doing between two history events, as far as pricing cares.</summary>
public enum SessionPhase
{
    /// <summary>Transaction started; the EV has not drawn energy yet (billed as idle: the EV's own choice).</summary>
    NotYetCharging,

    /// <summary>Energy flowing.</summary>
    Charging,

    /// <summary>Paused by the vehicle (full, or waiting for its own timer): billed as idle.</summary>
    PausedByEv,

    /// <summary>Paused by the charger or another EVerest module: idle, never billed.</summary>
    PausedByCharger,

    /// <summary>Paused by our site controller (power sharing): idle, never billed.</summary>
    PausedBySite,
}
