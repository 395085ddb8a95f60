namespace Everest.Site.Domain.Allocation;

/// <summary>What an EVSE wants from the site right now, as the site actor sees it.</summary>
public enum EvseDemandState
{
    /// <summary>No car, or a car that wants nothing (finished, unplugging). Holds no current unless reserved.</summary>
    Idle,

    /// <summary>A car is connected and waiting for current (authorised, or held below its minimum by us).</summary>
    Waiting,

    /// <summary>Charging under an allocation.</summary>
    Charging,

    /// <summary>Paused by the site (ChargingPausedEVSE); resumes when it is given its minimum again.</summary>
    Paused,

    /// <summary>Not reachable: its draw is unknown, so it is counted at its worst case.</summary>
    Offline,
}
