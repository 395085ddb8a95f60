namespace Everest.Site.Domain.Evse.History;

/// <summary>Energy began to flow in a transaction (EVerest's ChargingStarted; after a pause it reports this rather than ChargingResumed).</summary>
public sealed record ChargingStarted(string SessionUuid, DateTimeOffset At, double? MeterWh) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.charging-started.v1";
}
