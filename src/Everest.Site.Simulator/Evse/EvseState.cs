namespace Everest.Site.Simulator.Evse;

/// <summary>
/// The state an EVSE reports in <c>session_info.state</c>. Member names are the spec's spellings, so the wire
/// layer maps them by name.
/// </summary>
public enum EvseState
{
    Unknown,
    Unplugged,
    Disabled,
    Preparing,
    Reserved,
    AuthRequired,
    WaitingForEnergy,
    ChargingPausedEV,
    ChargingPausedEVSE,
    Charging,
    AuthTimeout,
    Finished,
    FinishedEVSE,
    FinishedEV,
}
