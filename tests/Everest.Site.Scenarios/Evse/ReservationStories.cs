using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Scenarios.Support;
using Xunit.Abstractions;
using Recorded = Everest.Site.Domain.Evse.History;
using TransactionStarted = Everest.Site.Domain.Evse.History.TransactionStarted;

namespace Everest.Site.Scenarios.Evse;

public sealed class ReservationStories(ITestOutputHelper output) : EvseScenario(output)
{
    [Fact]
    public async Task A_reservation_made_by_the_site_starts_and_ends_when_the_site_cancels_it()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var expiry = Time.GetUtcNow().AddMinutes(15);

        var reserved = await CommandAsync(new Reserve(7, expiry));
        Assert.True(reserved.Succeeded, reserved.FailureReason);
        Assert.Equal("7", Assert.Single(Everest.Received, r => r.Operation == "reserve").PayloadJson);
        await Everest.SessionEventAsync("", SessionEventType.ReservationStart);
        await ExpectHistoryAsync<ReservationStarted>(r => r.ReservationId == 7 && r.ExpiresAt == expiry);
        var status = await Statuses.FishForMessageAsync<EvseStatusChanged>(s => s.Status.Reservation is not null);
        Assert.Equal(7, status.Status.Reservation!.ReservationId);

        var cancelled = await CommandAsync(new CancelReservation());
        Assert.True(cancelled.Succeeded, cancelled.FailureReason);
        await Everest.SessionEventAsync("", SessionEventType.ReservationEnd);
        await ExpectHistoryAsync<ReservationEnded>(r => r.ReservationId == 7 && r.How == ReservationEnding.Cancelled);
        Assert.Null((await SnapshotAsync()).History.Reservation);
    }

    [Fact]
    public async Task A_reservation_used_by_its_driver_ends_as_used_when_the_transaction_starts()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        Assert.True((await CommandAsync(new Reserve(8, null))).Succeeded);
        await Everest.SessionEventAsync("", SessionEventType.ReservationStart);
        await ExpectHistoryAsync<ReservationStarted>(r => r.ReservationId == 8);

        var now = Time.GetUtcNow();
        await Everest.SessionEventAsync("s-1", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 0, now, reservationId: 8));
        await Everest.SessionEventAsync("s-1", SessionEventType.TransactionStarted, Wire.TransactionStarted(0, now, reservationId: 8));
        await ExpectHistoryAsync<Recorded.SessionStarted>(s => s.ReservationId == 8);
        await ExpectHistoryAsync<TransactionStarted>(t => t.ReservationId == 8);
        await ExpectHistoryAsync<ReservationEnded>(r => r.ReservationId == 8 && r.How == ReservationEnding.Used);
    }

    [Fact]
    public async Task A_refused_reservation_is_a_failure_and_a_later_ReservationStart_is_not_taken_for_it()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        Everest.Answer("reserve", false);

        var reserved = await CommandAsync(new Reserve(9, null));
        Assert.False(reserved.Succeeded);
        Assert.Contains("refused reserve", reserved.FailureReason, StringComparison.Ordinal);

        await Everest.SessionEventAsync("", SessionEventType.ReservationStart);
        var rejected = await Rejections.ExpectMsgAsync<EvseInputRejected>();
        Assert.Contains("ReservationStart", rejected.Reason, StringComparison.Ordinal);
        Assert.Null((await SnapshotAsync()).History.Reservation);
    }
}
