namespace Everest.Site.Simulator.Evse;

/// <summary>Why a transaction ended (the spec's <c>StopTransactionReason</c> spellings).</summary>
public enum StopReason
{
    EmergencyStop,
    EVDisconnected,
    HardReset,
    Local,
    Other,
    PowerLoss,
    Reboot,
    Remote,
    SoftReset,
    UnlockCommand,
    DeAuthorized,
    EnergyLimitReached,
    GroundFault,
    LocalOutOfCredit,
    MasterPass,
    OvercurrentFault,
    PowerQuality,
    SOCLimitReached,
    StoppedByEV,
    TimeLimitReached,
    Timeout,
    ReqEnergyTransferRejected,
}
