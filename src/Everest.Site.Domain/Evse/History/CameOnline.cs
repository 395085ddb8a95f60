namespace Everest.Site.Domain.Evse.History;

/// <summary>EVerest is heard from again for this EVSE.</summary>
public sealed record CameOnline(DateTimeOffset At) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.came-online.v1";
}
