namespace Everest.Site.Domain.Evse;

/// <summary>Where an open transaction stands as far as energy flow goes.</summary>
public enum ChargingPhase
{
    /// <summary>Transaction started; energy has not flowed yet.</summary>
    NotYetCharging,
    Charging,
    Paused,
}
