using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;
using SessionFinished = Everest.Site.Domain.Evse.History.SessionFinished;
using TransactionStarted = Everest.Site.Domain.Evse.History.TransactionStarted;

namespace Everest.Site.Evse;

/// <summary>
/// The CSMS transaction id from ocpp_consumer's <c>ocpp_transaction_event</c>, joined on the session uuid. The
/// OCPP module may report it before EvseManager's TransactionStarted reaches us; it is then held until the
/// transaction is recorded, and so is the broker's acknowledgement of the event: a process killed meanwhile gets the
/// event again from the broker instead of losing the id with its memory.
/// </summary>
/// <remarks>
/// The held acknowledgement is released once the id is stored with its transaction, replaced by a newer one, or
/// dropped (the session ended without a transaction); stored or not, it then goes out once every event handed to the
/// journal so far is stored. An incarnation that stops while holding one leaves it unacknowledged: the broker sends
/// the event again on the next connection, and meanwhile it takes one place of the broker's in-flight window.
/// </remarks>
public sealed partial class EvseActor
{
    /// <summary>The CSMS transaction id waiting in <see cref="_pending"/> and the broker acknowledgement of the event that carried it.</summary>
    private (CsmsTransactionIdAssigned Assigned, IMqttAcknowledgement Claim)? _heldCsmsClaim;

    private void OnOcppTransactionEvent(OcppTransactionEvent transactionEvent, IMqttAcknowledgement? brokerAcknowledgement)
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
            if (brokerAcknowledgement is not null)
            {
                // A claim held for an earlier id of this session is released by ReleaseCsmsClaimOnceSettled.
                ReleaseHeldCsmsClaim();
                _heldCsmsClaim = (assigned, brokerAcknowledgement);
                _keptBrokerAcknowledgement = true;
            }
        }

        // Otherwise the event belongs to another EVSE of the charger.
    }

    /// <summary>Releases the held acknowledgement once its CSMS transaction id no longer waits (stored with its transaction, or dropped).</summary>
    private void ReleaseCsmsClaimOnceSettled()
    {
        if (_heldCsmsClaim is { } held && !ReferenceEquals(_pending.CsmsTransactionId, held.Assigned))
        {
            ReleaseHeldCsmsClaim();
        }
    }

    private void ReleaseHeldCsmsClaim()
    {
        if (_heldCsmsClaim is not { } held)
        {
            return;
        }

        _heldCsmsClaim = null;
        _claimsAwaitingStore.Add(held.Claim);
        AcknowledgeStoredDeliveries();
    }
}
