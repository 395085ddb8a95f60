using Akka.Actor;
using Akka.Event;
using Everest.Site.Domain.Evse;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>
/// After a restart with a session or transaction open in the history, a session_info EVerest publishes tells what
/// happened meanwhile; <see cref="TransactionReconciler"/> turns the difference into history (a transaction that
/// ended while we were away is closed with the best meter value known and marked reconciled).
/// </summary>
/// <remarks>
/// A session_info (QoS 0) can overtake the session events (QoS 1) that tell the same story: the broker sends QoS 0
/// at once while QoS 1 waits behind its in-flight window (full of events not acknowledged yet, because they wait
/// until they are stored) or in the queue it kept for our session. Reconciling on it would close a transaction whose
/// real TransactionFinished is still on its way, and the real one would then contradict the history. So a
/// session_info that disagrees with the history is only a candidate: the actor sends itself a marker through the
/// broker (<see cref="IBrokerBarrier"/>), and reconciles on the candidate when the marker is back and the open
/// session and transaction are still what they were when the candidate came. By then every QoS 1 event EVerest
/// published before that session_info has been handled: the broker took the session_info before our marker, and
/// EVerest's earlier QoS 1 events before the session_info. If those events changed the history, the candidate is
/// stale and the next session_info starts over.
/// </remarks>
public sealed partial class EvseActor
{
    /// <summary>
    /// How long a marker may take to come back before the next session_info sends another (the broker away, or the
    /// marker lost with a connection). Long enough for a backlog behind the broker's in-flight window to drain.
    /// </summary>
    public static readonly TimeSpan BarrierTimeout = TimeSpan.FromSeconds(30);

    /// <summary>True from recovery until the history agrees with EVerest's session_info or was reconciled with it.</summary>
    private bool _awaitingReconciliation;

    /// <summary>The session_info that disagreed with the history, waiting for its marker; null when none waits.</summary>
    private ReconciliationCandidate? _candidate;

    /// <summary>The number of the next marker; random per incarnation, so an earlier incarnation's marker does not match.</summary>
    private long _nextNonce = Random.Shared.NextInt64(1, long.MaxValue / 2);

    private void PrepareReconciliation()
    {
        _awaitingReconciliation = _history.Session is not null || _history.Transaction is not null;
        _candidate = null;
        _recoveredAt = _time.GetUtcNow();
    }

    private void ReconcileIfAwaited(SessionInfo info)
    {
        if (!_awaitingReconciliation || (_candidate is { } waiting && _time.GetUtcNow() - waiting.RequestedAt < BarrierTimeout))
        {
            return;
        }

        if (ObservedSessions.From(info, _live.Powermeter) is not { } observed)
        {
            _log.Warning("EVSE {EvseId}: cannot reconcile on the unknown EVSE state {State}; waiting for the next session_info", _settings.EvseId, info.State.Value);
            return;
        }

        if (TransactionReconciler.Reconcile(_history, observed, PlaceholderUuid()).Count == 0)
        {
            // EVerest tells the story the history already has: nothing happened while we were away.
            _awaitingReconciliation = false;
            _candidate = null;
            return;
        }

        var nonce = _nextNonce++;
        _candidate = new ReconciliationCandidate(info, _history.Session, _history.Transaction, nonce, _time.GetUtcNow());
        var self = Self;
        _barrier.RequestAsync(_settings.EvseId, nonce).ContinueWith(
            sent => self.Tell(new BrokerBarrierFailed(nonce, sent.Exception?.GetBaseException().Message ?? "cancelled"), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnBarrierPassed(BrokerBarrierPassed passed)
    {
        if (!_awaitingReconciliation || _candidate is not { } candidate || candidate.Nonce != passed.Nonce)
        {
            return;
        }

        _candidate = null;
        if (!Equals(candidate.Session, _history.Session) || !Equals(candidate.Transaction, _history.Transaction))
        {
            // Session events that were on their way changed the history: the candidate is stale, the next session_info decides.
            return;
        }

        Reconcile(candidate.Info);
    }

    private void OnBarrierFailed(BrokerBarrierFailed failed)
    {
        if (_candidate?.Nonce == failed.Nonce)
        {
            _log.Warning("EVSE {EvseId}: could not send the marker before reconciling ({Reason}); the next session_info tries again", _settings.EvseId, failed.Reason);
            _candidate = null;
        }
    }

    private void Reconcile(SessionInfo info)
    {
        if (ObservedSessions.From(info, _live.Powermeter) is not { } observed)
        {
            return;
        }

        _awaitingReconciliation = false;
        var events = TransactionReconciler.Reconcile(_history, observed, PlaceholderUuid());
        if (events.Count > 0 && _history.Transaction is not null && observed.Activity == ObservedActivity.Transaction)
        {
            // Another transaction runs where ours was open: ours ended and the next began while we were away, and
            // the meter between them is a guess. Worth an operator's look at the charge detail records.
            _log.Warning("EVSE {EvseId}: reconciled its history with EVerest: transaction of session {SessionUuid} closed, a new one opened ({Count} events; EVerest reports {State})",
                _settings.EvseId, _history.Transaction.SessionUuid, events.Count, info.State.Value);
        }
        else if (events.Count > 0)
        {
            // A transaction that ended or began while the controller was away: what restarts are for.
            _log.Info("EVSE {EvseId}: reconciled its history with EVerest ({Count} events; EVerest reports {State})", _settings.EvseId, events.Count, info.State.Value);
        }

        Record(events);
    }

    private string PlaceholderUuid() => $"{TransactionReconciler.PlaceholderPrefix}{_settings.EvseId}-{LastSequenceNr + 1}";

    /// <summary>A session_info that disagreed with the history, and what the history had open when it came.</summary>
    private sealed record ReconciliationCandidate(SessionInfo Info, OpenSession? Session, OpenTransaction? Transaction, long Nonce, DateTimeOffset RequestedAt);
}
