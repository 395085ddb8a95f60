namespace Everest.Site.Domain.Evse.History;

/// <summary>Charging paused, with who caused it and, when known, why.</summary>
public sealed record ChargingPaused(string SessionUuid, DateTimeOffset At, PauseCause Cause, string? Reason, double? MeterWh) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.charging-paused.v1";
}
