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
    private void OnOcppTransactionEvent(OcppTransactionEvent transactionEvent)
    {
        if (transactionEvent.TransactionId is not { Length: > 0 } transactionId)
        {
            return;
        }

        var sessionUuid = transactionEvent.SessionId;
        var assigned = new CsmsTransactionIdAssigned(sessionUuid, transactionId, _time.GetUtcNow());
        if (_history.Transaction is { } transaction && transaction.SessionUuid == sessionUuid)
        {
            if (transaction.CsmsTransactionId != transactionId)
            {
                Record(assigned);
            }
        }
        else if (_history.Session?.Uuid == sessionUuid)
        {
            _pending = _pending with { CsmsTransactionId = assigned };
        }

        // Otherwise the event belongs to another EVSE of the charger.
    }
}
