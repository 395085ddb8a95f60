namespace Everest.Site.Domain.Evse;

/// <summary>Who paused or resumed charging.</summary>
public enum PauseCause
{
    /// <summary>The vehicle (EVerest reports ChargingPausedEV).</summary>
    Ev,

    /// <summary>The charger itself or another EVerest module (ChargingPausedEVSE without a request of ours).</summary>
    Evse,

    /// <summary>Our site controller (ChargingPausedEVSE following our pause_charging, or our resume_charging).</summary>
    Site,
}
