using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Evse;

/// <summary>
/// After the controller was down, brings an EVSE's history in line with what EVerest reports now, so that
/// the charge detail record of a session that spanned the outage is complete. Pure: the EVSE actor calls it
/// with its recovered state and the first fresh session_info, and persists what it returns.
/// </summary>
public static class TransactionReconciler
{
    /// <summary>
    /// Two transaction start times closer than this are the same transaction (EVerest's and our clocks and
    /// rounding differ slightly; two real transactions on one EVSE are minutes apart).
    /// </summary>
    public static readonly TimeSpan SameTransactionTolerance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How the session uuid of a transaction opened by reconciliation without a session of its own begins. It stands
    /// in for a session whose own events have not arrived yet (see <see cref="SessionLifecycle"/>).
    /// </summary>
    public const string PlaceholderPrefix = "reconciled-";

    /// <summary>True for a session uuid made up by reconciliation (<see cref="PlaceholderPrefix"/>).</summary>
    public static bool IsPlaceholder(string sessionUuid) =>
        sessionUuid is not null && sessionUuid.StartsWith(PlaceholderPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The events that reconcile <paramref name="state"/> with <paramref name="observed"/>; empty when they agree.
    /// </summary>
    /// <param name="placeholderSessionUuid">
    /// The session uuid to open a transaction under when EVerest reports one we never saw start and the history
    /// has no open session to attach it to (session_info carries no uuid; a later session event re-keys it).
    /// </param>
    public static IReadOnlyList<IEvseHistoryEvent> Reconcile(EvseHistoryState state, ObservedSession observed, string placeholderSessionUuid)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observed);
        var events = new List<IEvseHistoryEvent>();
        var ours = state.Transaction;
        var theirsRunning = observed.Activity == ObservedActivity.Transaction;

        var sameTransaction = ours is not null && theirsRunning
            && (observed.TransactionStartedAt is not { } theirStart || theirStart - ours.StartedAt <= SameTransactionTolerance);
        if (sameTransaction)
        {
            return events;
        }

        if (ours is not null)
        {
            // Ours ended while we were away. Its end is EVerest's transaction end when that belongs to it, else
            // the moment we learned of it; its meter is the best we know, never below its start.
            var endedAt = observed.TransactionEndedAt is { } end && end >= ours.StartedAt ? end : observed.At;
            var meterWh = BestMeter(state, observed, ours, theirsRunning);
            events.Add(new TransactionFinished(ours.SessionUuid, endedAt, Reason: null, meterWh, ours.SignedStart, SignedEnd: null, OcmfPublicKey: null, Reconciled: true));
            if (observed.Activity != ObservedActivity.SessionOnly || theirsRunning)
            {
                events.Add(new SessionFinished(ours.SessionUuid, endedAt, meterWh, Reconciled: true));
            }
        }
        else if (observed.Activity == ObservedActivity.Idle && state.Session is { } session)
        {
            events.Add(new SessionFinished(session.Uuid, observed.At, observed.MeterWh ?? state.LastKnownMeterWh, Reconciled: true));
        }

        if (theirsRunning)
        {
            // A transaction began while we were away: open it from what EVerest reports. Its start meter is
            // unknown to us; the best value is the last one we saw (energy before it is not this driver's).
            var sessionUuid = ours is null && state.Session is { } open ? open.Uuid : placeholderSessionUuid;
            var idTag = ours is null && state.Session?.IdToken is { } token ? token : new IdToken("unknown", "Local");
            var startMeter = state.LastKnownMeterWh ?? observed.MeterWh ?? 0;
            events.Add(new TransactionStarted(sessionUuid, observed.TransactionStartedAt ?? observed.At, idTag, startMeter, ReservationId: null, SignedStart: null, Reconciled: true));
        }

        return events;
    }

    private static double BestMeter(EvseHistoryState state, ObservedSession observed, OpenTransaction ours, bool anotherTransactionRunning)
    {
        // When another transaction is running now, the current meter includes its energy: not ours to bill.
        var candidates = new[] { state.LastKnownMeterWh, anotherTransactionRunning ? null : observed.MeterWh, ours.StartMeterWh };
        return candidates.Where(v => v is not null).Max() ?? ours.StartMeterWh;
    }
}
