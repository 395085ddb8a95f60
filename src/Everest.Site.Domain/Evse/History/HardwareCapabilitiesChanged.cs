namespace Everest.Site.Domain.Evse.History;

/// <summary>What the EVSE's hardware can do changed (or was learned for the first time). Currents per phase in A.</summary>
public sealed record HardwareCapabilitiesChanged(
    DateTimeOffset At,
    double MinCurrentA,
    double MaxCurrentA,
    int MinPhases,
    int MaxPhases,
    bool SupportsPhaseSwitch) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.hardware-capabilities-changed.v1";
}
