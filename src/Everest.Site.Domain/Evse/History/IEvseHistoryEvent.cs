namespace Everest.Site.Domain.Evse.History;

/// <summary>An event of an EVSE's persisted history.</summary>
public interface IEvseHistoryEvent
{
    /// <summary>When it happened, by EVerest's clock where EVerest reported it, else by ours.</summary>
    DateTimeOffset At { get; }
}
