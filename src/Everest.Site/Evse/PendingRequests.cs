using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Evse;

/// <summary>
/// The requests of ours that EVerest has not yet answered with the event they cause, and a CSMS transaction id that
/// arrived before the transaction it belongs to. An event that follows one of our requests is attributed to the site
/// (a pause, a resume, a reservation, its cancellation); once the event is in the history, or EVerest refused the
/// request, the attribution ends. Immutable and pure: the EVSE actor holds the current value.
/// </summary>
/// <param name="SitePauseReason">Set while our pause_charging is pending: the next ChargingPausedEVSE is the site's, for this reason.</param>
/// <param name="SiteResumeRequested">Set while our resume_charging is pending: the next resume is the site's.</param>
/// <param name="RequestedReservation">Our reserve request until EVerest reports ReservationStart (which carries no id of its own).</param>
/// <param name="SiteCancelledReservation">Set while our cancel_reservation waits for its ReservationEnd.</param>
/// <param name="CsmsTransactionId">A CSMS transaction id for the open session whose TransactionStarted has not arrived yet.</param>
public sealed record PendingRequests(
    string? SitePauseReason,
    bool SiteResumeRequested,
    Reserve? RequestedReservation,
    bool SiteCancelledReservation,
    CsmsTransactionIdAssigned? CsmsTransactionId)
{
    public static PendingRequests None { get; } = new(null, false, null, false, null);

    /// <summary>We sent <paramref name="command"/>: its effect, when EVerest reports it, is the site's.</summary>
    public PendingRequests Sent(IEvseCommand command) => command switch
    {
        PauseCharging pause => this with { SitePauseReason = pause.Reason },
        ResumeCharging => this with { SiteResumeRequested = true },
        Reserve reserve => this with { RequestedReservation = reserve },
        CancelReservation => this with { SiteCancelledReservation = true },
        _ => this,
    };

    /// <summary>EVerest refused <paramref name="command"/> (or never answered): the next matching event is not ours.</summary>
    public PendingRequests Refused(IEvseCommand command) => command switch
    {
        PauseCharging => this with { SitePauseReason = null },
        ResumeCharging => this with { SiteResumeRequested = false },
        Reserve => this with { RequestedReservation = null },
        CancelReservation => this with { SiteCancelledReservation = false },
        _ => this,
    };

    /// <summary>A request of ours has had its effect once the event it caused is in the history.</summary>
    public PendingRequests Recorded(IEvseHistoryEvent historyEvent) => historyEvent switch
    {
        ChargingPaused { Cause: PauseCause.Site } => this with { SitePauseReason = null },
        ChargingResumed { Cause: PauseCause.Site } => this with { SiteResumeRequested = false },
        ReservationStarted => this with { RequestedReservation = null },
        ReservationEnded => this with { SiteCancelledReservation = false },

        // Nothing pending of ours can belong to the next transaction.
        TransactionFinished => this with { SitePauseReason = null, SiteResumeRequested = false },
        _ => this,
    };

    /// <summary>Folds <see cref="Recorded(IEvseHistoryEvent)"/> over <paramref name="events"/>.</summary>
    public PendingRequests Recorded(IEnumerable<IEvseHistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Aggregate(this, (pending, e) => pending.Recorded(e));
    }

    /// <summary>
    /// <paramref name="events"/> (what one session_event yields) plus the waiting CSMS transaction id when they start
    /// its transaction; and what is still pending afterwards. A session that ends without a transaction drops the id.
    /// </summary>
    public (IReadOnlyList<IEvseHistoryEvent> Events, PendingRequests Pending) AttachCsmsTransactionId(IReadOnlyList<IEvseHistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (CsmsTransactionId is not { } waiting)
        {
            return (events, this);
        }

        if (events.Any(e => e is SessionFinished finished && finished.SessionUuid == waiting.SessionUuid))
        {
            return (events, this with { CsmsTransactionId = null });
        }

        return events.Any(e => e is TransactionStarted started && started.SessionUuid == waiting.SessionUuid)
            ? ([.. events, waiting], this with { CsmsTransactionId = null })
            : (events, this);
    }
}
