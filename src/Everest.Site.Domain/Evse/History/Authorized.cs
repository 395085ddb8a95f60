namespace Everest.Site.Domain.Evse.History;

/// <summary>The EVSE was authorized for charging within a session.</summary>
public sealed record Authorized(string SessionUuid, DateTimeOffset At, double? MeterWh) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.authorized.v1";
}
