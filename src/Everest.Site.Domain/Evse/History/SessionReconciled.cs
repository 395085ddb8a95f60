namespace Everest.Site.Domain.Evse.History;

/// <summary>
/// The audit record of a correction: an event from EVerest contradicted the history (a new session while another was
/// open, a transaction finishing that never started, …), so the history was brought in line with it. The events that
/// follow in the same write make the correction (a reconciled TransactionFinished and SessionFinished closing what was
/// left open, a reconciled SessionStarted or TransactionStarted opening what was never seen); this one says why.
/// </summary>
/// <param name="SessionUuid">The session the correction is about.</param>
/// <param name="Reason">What contradicted the history, in words for an operator.</param>
public sealed record SessionReconciled(string SessionUuid, DateTimeOffset At, string Reason) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.session-reconciled.v1";
}
