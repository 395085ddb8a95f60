namespace Everest.Site.Domain.Evse.History;

/// <summary>EVerest stopped answering for this EVSE (no heartbeat within the configured silence).</summary>
public sealed record WentOffline(DateTimeOffset At, DateTimeOffset? LastHeartbeatAt) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.went-offline.v1";
}
