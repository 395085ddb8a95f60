using Akka.Event;
using Everest.Site.Domain.Evse;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>
/// After a restart with a session or transaction open in the history, the first session_info EVerest publishes
/// tells what happened meanwhile; <see cref="TransactionReconciler"/> turns the difference into history (a
/// transaction that ended while we were away is closed with the best meter value known and marked reconciled).
/// </summary>
public sealed partial class EvseActor
{
    /// <summary>
    /// How long after recovery a session_info is still too early to reconcile on. After a reconnect the broker
    /// first hands over the session events it queued for us (QoS 1), but a live session_info (QoS 0) can overtake
    /// them; reconciling on it would close a transaction whose real TransactionFinished is still in the queue.
    /// The backlog drains in milliseconds; EVerest publishes session_info again every few seconds.
    /// </summary>
    public static readonly TimeSpan ReconciliationSettle = TimeSpan.FromSeconds(3);

    /// <summary>True from recovery until the first usable session_info has been reconciled.</summary>
    private bool _awaitingReconciliation;

    /// <summary>session_info earlier than this is not reconciled on (see <see cref="ReconciliationSettle"/>).</summary>
    private DateTimeOffset _reconcileNotBefore;

    private void PrepareReconciliation()
    {
        _awaitingReconciliation = _history.Session is not null || _history.Transaction is not null;
        _recoveredAt = _time.GetUtcNow();
        _reconcileNotBefore = _recoveredAt + ReconciliationSettle;
    }

    private void ReconcileIfAwaited(SessionInfo info)
    {
        if (!_awaitingReconciliation || _time.GetUtcNow() < _reconcileNotBefore)
        {
            return;
        }

        if (ObservedSessions.From(info, _live.Powermeter) is not { } observed)
        {
            _log.Warning("EVSE {EvseId}: cannot reconcile on the unknown EVSE state {State}; waiting for the next session_info", _settings.EvseId, info.State.Value);
            return;
        }

        _awaitingReconciliation = false;
        var placeholderUuid = $"{TransactionReconciler.PlaceholderPrefix}{_settings.EvseId}-{LastSequenceNr + 1}";
        var events = TransactionReconciler.Reconcile(_history, observed, placeholderUuid);
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
}
