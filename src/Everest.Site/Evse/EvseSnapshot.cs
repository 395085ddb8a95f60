using Everest.Site.Domain.Evse;

namespace Everest.Site.Evse;

/// <summary>An EVSE actor's view at one moment: persisted history state, live state and input rejections per topic.</summary>
public sealed record EvseSnapshot(
    string EvseId,
    long LastSequenceNr,
    EvseHistoryState History,
    EvseLiveState Live,
    EvseStatus Status,
    IReadOnlyDictionary<string, long> RejectionsByTopic)
{
    public long TotalRejections => RejectionsByTopic.Values.Sum();
}
