namespace Everest.Site.Domain.Evse;

/// <summary>
/// A fresh view of an EVSE from EVerest after the controller was away (from session_info and the latest meter).
/// </summary>
/// <param name="At">When EVerest captured it.</param>
/// <param name="TransactionStartedAt">EVerest's transaction_start_time: the start of the latest transaction, if any.</param>
/// <param name="TransactionEndedAt">EVerest's transaction_end_time: the end of the latest finished transaction, if any.</param>
/// <param name="MeterWh">The meter now, when a powermeter reading is at hand.</param>
public sealed record ObservedSession(
    DateTimeOffset At,
    ObservedActivity Activity,
    DateTimeOffset? TransactionStartedAt,
    DateTimeOffset? TransactionEndedAt,
    double? MeterWh);
