using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Evse;

namespace Everest.Site.Scenarios.Evse;

public sealed class PendingRequestsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_request_of_ours_is_pending_until_EVerest_refuses_it()
    {
        var reserve = new Reserve(4, At.AddMinutes(15));
        var pending = PendingRequests.None
            .Sent(new PauseCharging("peak"))
            .Sent(new ResumeCharging())
            .Sent(reserve)
            .Sent(new CancelReservation());

        Assert.Equal(new PendingRequests("peak", true, reserve, true, null), pending);
        var refused = pending
            .Refused(new PauseCharging("peak"))
            .Refused(new ResumeCharging())
            .Refused(reserve)
            .Refused(new CancelReservation());
        Assert.Equal(PendingRequests.None, refused);
    }

    [Fact]
    public void Commands_without_an_effect_to_attribute_leave_nothing_pending() =>
        Assert.Equal(PendingRequests.None, PendingRequests.None.Sent(new ForceUnlock()).Sent(SetAvailability.Disable()).Refused(new ExternalReadyToStartCharging()));

    [Fact]
    public void The_event_a_request_caused_ends_it_and_an_event_nobody_asked_for_does_not()
    {
        var pending = PendingRequests.None.Sent(new PauseCharging("peak")).Sent(new Reserve(4, null)).Sent(new CancelReservation());

        Assert.Equal("peak", pending.Recorded(new ChargingPaused("s", At, PauseCause.Ev, "ChargingPausedEV", null)).SitePauseReason);
        Assert.Null(pending.Recorded(new ChargingPaused("s", At, PauseCause.Site, "peak", null)).SitePauseReason);
        Assert.Null(pending.Recorded(new ReservationStarted(4, At, null)).RequestedReservation);
        Assert.False(pending.Recorded(new ReservationEnded(4, At, ReservationEnding.Cancelled)).SiteCancelledReservation);
        var resumed = PendingRequests.None.Sent(new ResumeCharging());
        Assert.True(resumed.Recorded(new ChargingResumed("s", At, PauseCause.Ev, null)).SiteResumeRequested);
        Assert.False(resumed.Recorded(new ChargingResumed("s", At, PauseCause.Site, null)).SiteResumeRequested);
    }

    [Fact]
    public void A_finished_transaction_ends_every_pause_or_resume_of_ours_so_none_is_credited_to_the_next()
    {
        var pending = PendingRequests.None.Sent(new PauseCharging("peak")).Sent(new ResumeCharging());

        var after = pending.Recorded([new TransactionFinished("s", At, "EVDisconnected", 100, null, null, null)]);

        Assert.Null(after.SitePauseReason);
        Assert.False(after.SiteResumeRequested);
    }

    [Fact]
    public void A_CSMS_transaction_id_waits_for_the_transaction_of_its_session_and_is_attached_after_it()
    {
        var assigned = new CsmsTransactionIdAssigned("s-1", "CSMS-1", At);
        var pending = PendingRequests.None with { CsmsTransactionId = assigned };
        IEvseHistoryEvent started = new TransactionStarted("s-1", At, new IdToken("04A2", "ISO14443"), 0, null, null);

        var (unrelated, stillPending) = pending.AttachCsmsTransactionId([new TransactionStarted("s-2", At, new IdToken("04A2", "ISO14443"), 0, null, null)]);
        Assert.Single(unrelated);
        Assert.Same(assigned, stillPending.CsmsTransactionId);

        var (events, done) = pending.AttachCsmsTransactionId([started]);
        Assert.Equal([started, assigned], events);
        Assert.Null(done.CsmsTransactionId);
    }

    [Fact]
    public void A_session_that_ends_without_a_transaction_drops_its_waiting_CSMS_transaction_id()
    {
        var pending = PendingRequests.None with { CsmsTransactionId = new CsmsTransactionIdAssigned("s-1", "CSMS-1", At) };

        var (events, after) = pending.AttachCsmsTransactionId([new SessionFinished("s-1", At, null)]);

        Assert.Single(events);
        Assert.Null(after.CsmsTransactionId);
    }
}
