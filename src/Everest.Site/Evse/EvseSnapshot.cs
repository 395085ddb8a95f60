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

    /// <summary>Session lifecycle events that were already in the history (redelivered by the broker, replayed) and stored nothing.</summary>
    public long DuplicatesIgnored { get; init; }

    /// <summary>Lifecycle events that contradicted the history and were stored after an audited correction (<c>SessionReconciled</c>).</summary>
    public long Contradictions { get; init; }
}
