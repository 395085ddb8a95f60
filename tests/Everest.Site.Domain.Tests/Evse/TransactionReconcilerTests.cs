using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Tests.Evse;

public sealed class TransactionReconcilerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly IdToken Card = new("04A2B3C4", "ISO14443");

    private static EvseHistoryState Charging(double lastMeterWh) => EvseHistoryState.Replay(
    [
        new SessionStarted("s-1", T0, "EVConnected", null, 1000, null),
        new TransactionStarted("s-1", T0, Card, 1000, null, null),
        new ChargingStarted("s-1", T0, 1000),
        new MeterSampled("s-1", new MeterReading(T0.AddMinutes(30), lastMeterWh)),
    ]);

    [Fact]
    public void Nothing_to_do_when_EVerest_still_runs_our_transaction()
    {
        var observed = new ObservedSession(T0.AddHours(1), ObservedActivity.Transaction, T0.AddSeconds(2), null, 9000);
        Assert.Empty(TransactionReconciler.Reconcile(Charging(5000), observed, "placeholder"));
    }

    [Fact]
    public void A_transaction_that_ended_while_we_were_down_is_closed_with_the_best_meter_and_marked_reconciled()
    {
        var observed = new ObservedSession(T0.AddHours(2), ObservedActivity.Idle, T0, T0.AddMinutes(50), MeterWh: 7200);

        var events = TransactionReconciler.Reconcile(Charging(5000), observed, "placeholder");

        var finished = Assert.IsType<TransactionFinished>(events[0]);
        Assert.True(finished.Reconciled);
        Assert.Equal("s-1", finished.SessionUuid);
        Assert.Equal(T0.AddMinutes(50), finished.At);
        Assert.Equal(7200, finished.MeterWh);
        var sessionFinished = Assert.IsType<SessionFinished>(events[1]);
        Assert.True(sessionFinished.Reconciled);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void A_transaction_finished_while_the_EV_is_still_plugged_keeps_the_session_open()
    {
        var observed = new ObservedSession(T0.AddHours(2), ObservedActivity.SessionOnly, T0, T0.AddMinutes(50), MeterWh: null);

        var events = TransactionReconciler.Reconcile(Charging(5000), observed, "placeholder");

        var finished = Assert.IsType<TransactionFinished>(Assert.Single(events));
        Assert.Equal(5000, finished.MeterWh);
    }

    [Fact]
    public void A_transaction_that_started_while_we_were_down_is_opened_from_what_EVerest_reports()
    {
        var plugged = EvseHistoryState.Replay(
        [
            new MeterSampled(null, new MeterReading(T0, 3000)),
            new SessionStarted("s-2", T0, "EVConnected", Card, 3000, null),
        ]);
        var observed = new ObservedSession(T0.AddMinutes(20), ObservedActivity.Transaction, T0.AddMinutes(1), null, 4000);

        var started = Assert.IsType<TransactionStarted>(Assert.Single(TransactionReconciler.Reconcile(plugged, observed, "placeholder")));

        Assert.Equal("s-2", started.SessionUuid);
        Assert.Equal(Card, started.IdTag);
        Assert.Equal(T0.AddMinutes(1), started.At);
        Assert.Equal(3000, started.MeterWh);
        Assert.True(started.Reconciled);
    }

    [Fact]
    public void Ours_ended_and_another_began_while_we_were_down_closes_ours_without_the_new_energy_and_opens_the_new_one()
    {
        var observed = new ObservedSession(T0.AddHours(3), ObservedActivity.Transaction, T0.AddHours(2), T0.AddHours(1), MeterWh: 20000);

        var events = TransactionReconciler.Reconcile(Charging(5000), observed, "placeholder-1");

        Assert.Collection(
            events,
            e => Assert.Equal(5000, Assert.IsType<TransactionFinished>(e).MeterWh),
            e => Assert.Equal("s-1", Assert.IsType<SessionFinished>(e).SessionUuid),
            e =>
            {
                var started = Assert.IsType<TransactionStarted>(e);
                Assert.Equal("placeholder-1", started.SessionUuid);
                Assert.Equal(T0.AddHours(2), started.At);
            });
    }

    [Fact]
    public void A_session_without_transaction_that_ended_while_we_were_down_is_closed()
    {
        var plugged = EvseHistoryState.Initial.Apply(new SessionStarted("s-3", T0, "EVConnected", null, 100, null));
        var observed = new ObservedSession(T0.AddHours(1), ObservedActivity.Idle, null, null, 100);

        var finished = Assert.IsType<SessionFinished>(Assert.Single(TransactionReconciler.Reconcile(plugged, observed, "p")));
        Assert.True(finished.Reconciled);
    }

    [Fact]
    public void Reconciled_events_applied_to_the_state_leave_it_matching_EVerest()
    {
        var observed = new ObservedSession(T0.AddHours(2), ObservedActivity.Idle, T0, T0.AddMinutes(50), 7200);
        var state = Charging(5000);

        var after = TransactionReconciler.Reconcile(state, observed, "p").Aggregate(state, (s, e) => s.Apply(e));

        Assert.Null(after.Transaction);
        Assert.Null(after.Session);
        Assert.Empty(TransactionReconciler.Reconcile(after, observed, "p"));
    }
}
