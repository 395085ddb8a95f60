namespace Everest.Site.Domain.Evse.History;

/// <summary>A session ended: the EVSE is free again (cable unplugged).</summary>
public sealed record SessionFinished(string SessionUuid, DateTimeOffset At, double? MeterWh, bool Reconciled = false) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.session-finished.v1";
}
