using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi.Messages;
using SessionFinished = Everest.Site.Domain.Evse.History.SessionFinished;
using TransactionStarted = Everest.Site.Domain.Evse.History.TransactionStarted;

namespace Everest.Site.Evse;

/// <summary>
/// The CSMS transaction id from ocpp_consumer's <c>ocpp_transaction_event</c>, joined on the session uuid. The
/// OCPP module may report it before EvseManager's TransactionStarted reaches us; it is then held until the
/// transaction is recorded.
/// </summary>
public sealed partial class EvseActor
{
    /// <summary>A CSMS transaction id for the open session whose transaction is not recorded yet.</summary>
    private CsmsTransactionIdAssigned? _pendingCsmsTransactionId;

    private void OnOcppTransactionEvent(OcppTransactionEvent transactionEvent)
    {
        if (transactionEvent.TransactionId is not { Length: > 0 } transactionId)
        {
            return;
        }

        var sessionUuid = transactionEvent.SessionId;
        var assigned = new CsmsTransactionIdAssigned(sessionUuid, transactionId, Context.System.TimeProvider.GetUtcNow());
        if (_history.Transaction is { } transaction && transaction.SessionUuid == sessionUuid)
        {
            if (transaction.CsmsTransactionId != transactionId)
            {
                Record(assigned);
            }
        }
        else if (_history.Session?.Uuid == sessionUuid)
        {
            _pendingCsmsTransactionId = assigned;
        }

        // Otherwise the event belongs to another EVSE of the charger.
    }

    /// <summary><paramref name="events"/> plus the CSMS transaction id that waited for the transaction they start.</summary>
    private IReadOnlyList<IEvseHistoryEvent> WithPendingCsmsTransactionId(IReadOnlyList<IEvseHistoryEvent> events)
    {
        if (_pendingCsmsTransactionId is not { } pending)
        {
            return events;
        }

        if (events.Any(e => e is SessionFinished finished && finished.SessionUuid == pending.SessionUuid))
        {
            // The session ended without a transaction: the id has nothing to attach to.
            _pendingCsmsTransactionId = null;
            return events;
        }

        if (!events.Any(e => e is TransactionStarted started && started.SessionUuid == pending.SessionUuid))
        {
            return events;
        }

        _pendingCsmsTransactionId = null;
        return [.. events, pending];
    }
}
