using Akka.Persistence.Query;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Billing.Projection;

/// <summary>
/// Turns batches of billing-tagged journal events into read-model changes: each EVSE's events go through its
/// <see cref="BillingHistoryFold"/>, corrections are kept as they are. Holds the folds as of the last committed batch;
/// <see cref="Prepare"/> computes a batch without changing them, <see cref="Committed"/> adopts it once it is stored,
/// so a batch that fails to commit leaves the projector where the read model is.
/// </summary>
public sealed class BillingProjector
{
    /// <summary>EVSE actors persist under <c>evse-{configured id}</c>.</summary>
    public const string EvsePersistenceIdPrefix = "evse-";

    private readonly Dictionary<string, BillingHistoryFold> _folds;

    public BillingProjector(ProjectionStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Offset = start.Offset;
        _folds = new Dictionary<string, BillingHistoryFold>(start.Folds, StringComparer.Ordinal);
    }

    /// <summary>The journal offset of the last event in the read model.</summary>
    public long Offset { get; private set; }

    /// <summary>The configured EVSE id of an EVSE actor's persistence id.</summary>
    public static string EvseIdOf(string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return persistenceId.StartsWith(EvsePersistenceIdPrefix, StringComparison.Ordinal) ? persistenceId[EvsePersistenceIdPrefix.Length..] : persistenceId;
    }

    /// <summary>What <paramref name="batch"/> changes; events at or before <see cref="Offset"/> are skipped (a replay changes nothing).</summary>
    public ProjectionChanges Prepare(IEnumerable<EventEnvelope> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var offset = Offset;
        var folds = new Dictionary<string, BillingHistoryFold>(StringComparer.Ordinal);
        var sessions = new Dictionary<(string, long), ProjectedSession>();
        var corrections = new List<ProjectedCorrection>();
        var events = 0;
        foreach (var envelope in batch)
        {
            var ordering = envelope.Offset is Sequence sequence ? sequence.Value : throw new ArgumentException($"the billing projection reads sequence offsets, not {envelope.Offset.GetType().Name}", nameof(batch));
            if (ordering <= offset)
            {
                continue;
            }

            offset = ordering;
            events++;
            switch (envelope.Event)
            {
                case IEvseHistoryEvent historyEvent:
                    var pid = envelope.PersistenceId;
                    var fold = folds.TryGetValue(pid, out var pending) ? pending : _folds.GetValueOrDefault(pid, BillingHistoryFold.Initial);
                    var step = fold.Apply(envelope.SequenceNr, historyEvent);
                    folds[pid] = step.State;
                    foreach (var finished in step.Finished)
                    {
                        sessions[(pid, finished.FirstSequenceNr)] = new ProjectedSession(pid, EvseIdOf(pid), finished);
                    }

                    if (step.State.Open is { } open)
                    {
                        sessions[(pid, open.FirstSequenceNr)] = new ProjectedSession(pid, EvseIdOf(pid), open);
                    }

                    break;
                case SessionCorrected correction:
                    corrections.Add(new ProjectedCorrection(ordering, correction));
                    break;
            }
        }

        return new ProjectionChanges(offset, [.. sessions.Values], folds, corrections, events);
    }

    /// <summary>Adopts <paramref name="changes"/> after the read model stored them.</summary>
    public void Committed(ProjectionChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (pid, fold) in changes.Folds)
        {
            _folds[pid] = fold;
        }

        Offset = changes.Offset;
    }
}
