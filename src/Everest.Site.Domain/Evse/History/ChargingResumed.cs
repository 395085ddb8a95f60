namespace Everest.Site.Domain.Evse.History;

/// <summary>Charging resumed after a pause, with who caused the resume.</summary>
public sealed record ChargingResumed(string SessionUuid, DateTimeOffset At, PauseCause Cause, double? MeterWh) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.charging-resumed.v1";
}
