namespace Everest.Site.Domain.Evse.History;

/// <summary>The CSMS's transaction id for a session (ocpp_consumer's ocpp_transaction_event, joined on the session uuid).</summary>
public sealed record CsmsTransactionIdAssigned(string SessionUuid, string TransactionId, DateTimeOffset At) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.csms-transaction-id-assigned.v1";
}
