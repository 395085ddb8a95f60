namespace Everest.Site.Simulator.Evse;

/// <summary>Who asked to enable or disable an EVSE (the spec's <c>enable_source</c> spellings).</summary>
public enum EnableSource
{
    Unspecified,
    LocalAPI,
    LocalKeyLock,
    ServiceTechnician,
    RemoteKeyLock,
    MobileApp,
    FirmwareUpdate,
    CSMS,
}

/// <summary>What a source asks for (the spec's <c>enable_state</c> spellings); <see cref="Unassigned"/> withdraws its entry.</summary>
public enum EnableState
{
    Unassigned,
    Disable,
    Enable,
}

/// <summary>One source's entry in the enable/disable table. Priority 0 is the strongest.</summary>
public sealed record EnableSetting(EnableSource Source, EnableState State, int Priority);
