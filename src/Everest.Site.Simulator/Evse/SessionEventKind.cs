namespace Everest.Site.Simulator.Evse;

/// <summary>The <c>session_event.event</c> values the simulator emits (spec spellings).</summary>
public enum SessionEventKind
{
    Authorized,
    Deauthorized,
    Enabled,
    Disabled,
    SessionStarted,
    AuthRequired,
    TransactionStarted,
    PrepareCharging,
    ChargingStarted,
    ChargingPausedEV,
    ChargingPausedEVSE,
    WaitingForEnergy,
    ChargingResumed,
    StoppingCharging,
    ChargingFinished,
    TransactionFinished,
    SessionFinished,
    ReservationStart,
    ReservationEnd,
    ReplugStarted,
    ReplugFinished,
    PluginTimeout,
    SwitchingPhases,
    SessionResumed,
}
