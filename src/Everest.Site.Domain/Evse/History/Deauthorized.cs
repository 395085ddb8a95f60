namespace Everest.Site.Domain.Evse.History;

/// <summary>The authorization of a session was withdrawn.</summary>
public sealed record Deauthorized(string SessionUuid, DateTimeOffset At, double? MeterWh) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.deauthorized.v1";
}
