namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>How a charger left a rollout (stored by name).</summary>
public enum RolloutChargerOutcome
{
    /// <summary>Back with the new firmware and its EVSEs in service again.</summary>
    Installed,

    /// <summary>The installation failed, or the charger was not back in time.</summary>
    Failed,

    /// <summary>Out before installing: its request was refused, replaced or ended early.</summary>
    LeftOut,
}
