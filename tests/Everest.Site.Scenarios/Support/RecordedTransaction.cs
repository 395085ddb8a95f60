namespace Everest.Site.Scenarios.Support;

/// <summary>
/// One transaction as a record the controller keeps shows it: a CDR of a billing export, or the TransactionStarted and
/// TransactionFinished of a session in the journal. A session recorded twice gives two of these.
/// </summary>
/// <param name="EvseId">The configured EVSE id the record puts the transaction on.</param>
/// <param name="EnergyWh">The energy the record gives the transaction; null where the record is incomplete (a start without its end).</param>
/// <param name="Detail">What else helps to explain a mismatch (", closed by reconciliation"); empty when nothing does.</param>
internal sealed record RecordedTransaction(string SessionUuid, string EvseId, double? EnergyWh, string Detail = "");
