using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Tests.Evse;

/// <summary>Idempotent history: duplicates store nothing; contradictions are stored after an audited correction.</summary>
public sealed class SessionLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly IdToken Card = new("04A2B3C4", "ISO14443");

    private static IEvseHistoryEvent[] Session(string uuid, DateTimeOffset at, double meterStart, double meterStop) =>
    [
        new SessionStarted(uuid, at, "EVConnected", null, meterStart, null),
        new TransactionStarted(uuid, at.AddSeconds(5), Card, meterStart, null, null),
        new TransactionFinished(uuid, at.AddHours(1), "EVDisconnected", meterStop, null, null, null),
        new SessionFinished(uuid, at.AddHours(1).AddSeconds(5), meterStop),
    ];

    /// <summary>Feeds events through <see cref="SessionLifecycle.Decide"/> as the EVSE actor does, returning what was stored.</summary>
    private static (EvseHistoryState State, List<IEvseHistoryEvent> Stored, int Duplicates) Run(EvseHistoryState state, IEnumerable<IEvseHistoryEvent> incoming)
    {
        var stored = new List<IEvseHistoryEvent>();
        var duplicates = 0;
        foreach (var e in incoming)
        {
            var decision = SessionLifecycle.Decide(state, e);
            duplicates += decision.IsDuplicate ? 1 : 0;
            foreach (var s in decision.Events)
            {
                stored.Add(s);
                state = state.Apply(s);
            }
        }

        return (state, stored, duplicates);
    }

    [Fact]
    public void Replaying_a_finished_session_stores_nothing_again()
    {
        var events = Session("s-1", T0, 1000, 9000);
        var (state, stored, _) = Run(EvseHistoryState.Initial, events);
        Assert.Equal(events, stored);

        var (after, again, duplicates) = Run(state, events);

        Assert.Empty(again);
        Assert.Equal(4, duplicates);
        Assert.Equal(state, after);
    }

    [Fact]
    public void Every_lifecycle_event_delivered_twice_in_a_row_is_stored_once()
    {
        var events = Session("s-1", T0, 1000, 9000);
        var (_, stored, duplicates) = Run(EvseHistoryState.Initial, events.SelectMany(e => new[] { e, e }));

        Assert.Equal(events, stored);
        Assert.Equal(4, duplicates);
    }

    [Fact]
    public void The_memory_of_recent_events_is_bounded_and_forgets_the_oldest_first()
    {
        var state = EvseHistoryState.Initial;
        for (var i = 0; i < 20; i++)
        {
            (state, _, _) = Run(state, Session($"s-{i}", T0.AddHours(2 * i), i * 10_000, (i * 10_000) + 5000));
        }

        Assert.Equal(SessionEventKeys.Capacity, state.RecentLifecycleEvents.Keys.Count);
        Assert.True(SessionLifecycle.IsAlreadyRecorded(state, Session("s-19", T0, 0, 0)[0]));
        Assert.False(SessionLifecycle.IsAlreadyRecorded(state, Session("s-0", T0, 0, 0)[0]));
    }

    [Fact]
    public void A_new_session_while_one_is_open_closes_the_open_one_with_an_audited_correction_first()
    {
        var (state, _, _) = Run(EvseHistoryState.Initial, Session("s-1", T0, 1000, 0).Take(2));
        state = state.Apply(new MeterSampled("s-1", new MeterReading(T0.AddMinutes(30), 4000)));

        var decision = SessionLifecycle.Decide(state, new SessionStarted("s-2", T0.AddHours(1), "EVConnected", null, 4500, null));

        Assert.False(decision.IsDuplicate);
        Assert.True(decision.IsReconciled);
        Assert.Collection(
            decision.Events,
            e => Assert.Equal("s-1", Assert.IsType<SessionReconciled>(e).SessionUuid),
            e => Assert.Equal((true, 4000d), (Assert.IsType<TransactionFinished>(e).Reconciled, ((TransactionFinished)e).MeterWh)),
            e => Assert.True(Assert.IsType<SessionFinished>(e).Reconciled),
            e => Assert.Equal("s-2", Assert.IsType<SessionStarted>(e).SessionUuid));
        var after = decision.Events.Aggregate(state, (s, e) => s.Apply(e));
        Assert.Equal("s-2", after.Session?.Uuid);
        Assert.Null(after.Transaction);
    }

    [Fact]
    public void A_transaction_finish_without_its_start_opens_it_reconciled_at_the_last_meter_known_and_keeps_everests_end()
    {
        var state = EvseHistoryState.Initial
            .Apply(new SessionStarted("s-1", T0, "EVConnected", null, 1000, null))
            .Apply(new MeterSampled("s-1", new MeterReading(T0.AddMinutes(1), 1200)));
        var finish = new TransactionFinished("s-1", T0.AddHours(1), "EVDisconnected", 9000, null, null, null);

        var decision = SessionLifecycle.Decide(state, finish);

        Assert.Collection(
            decision.Events,
            e => Assert.Contains("without TransactionStarted", Assert.IsType<SessionReconciled>(e).Reason, StringComparison.Ordinal),
            e =>
            {
                var started = Assert.IsType<TransactionStarted>(e);
                Assert.True(started.Reconciled);
                Assert.Equal(1200, started.MeterWh);
                Assert.Equal(T0, started.At);
            },
            e => Assert.Same(finish, e));
    }

    [Fact]
    public void A_finish_for_a_session_never_seen_is_recorded_as_a_whole_reconciled_transaction()
    {
        var finish = new TransactionFinished("ghost", T0, null, 500, null, null, null);

        var decision = SessionLifecycle.Decide(EvseHistoryState.Initial, finish);

        Assert.Equal(
            [typeof(SessionReconciled), typeof(SessionStarted), typeof(TransactionStarted), typeof(TransactionFinished)],
            decision.Events.Select(e => e.GetType()));
        Assert.Equal(SessionLifecycle.ReconciledStartReason, ((SessionStarted)decision.Events[1]).Reason);
    }

    [Fact]
    public void A_session_finish_for_a_session_never_started_stores_only_the_audit_record()
    {
        var decision = SessionLifecycle.Decide(EvseHistoryState.Initial, new SessionFinished("ghost", T0, 500));

        var audit = Assert.IsType<SessionReconciled>(Assert.Single(decision.Events));
        Assert.Equal("ghost", audit.SessionUuid);
    }

    [Fact]
    public void A_transaction_start_without_its_session_opens_the_session_first()
    {
        var decision = SessionLifecycle.Decide(EvseHistoryState.Initial, new TransactionStarted("s-1", T0, Card, 100, null, null));

        Assert.Equal([typeof(SessionReconciled), typeof(SessionStarted), typeof(TransactionStarted)], decision.Events.Select(e => e.GetType()));
    }

    [Fact]
    public void Billing_marks_a_corrected_session_reconciled_and_bills_exactly_one_record_per_transaction()
    {
        var (_, stored, _) = Run(EvseHistoryState.Initial,
        [
            .. Session("s-1", T0, 1000, 0).Take(2),
            new SessionStarted("s-2", T0.AddHours(1), "EVConnected", null, 1000, null),
            new TransactionStarted("s-2", T0.AddHours(1), Card, 1000, null, null),
            new TransactionFinished("s-2", T0.AddHours(2), "EVDisconnected", 3000, null, null, null),
            new SessionFinished("s-2", T0.AddHours(2), 3000),
        ]);

        var sessions = Replay(stored, []).Finished;

        Assert.Equal(["s-1", "s-2"], sessions.Select(s => s.SessionUuid));
        Assert.True(sessions[0].Reconciled);
        Assert.False(sessions[1].Reconciled);
        Assert.Equal(2000m, sessions[1].EnergyWh);
    }

    [Fact]
    public void A_real_finish_after_a_reconciled_close_is_stored_and_billing_takes_its_end()
    {
        var (state, stored, _) = Run(EvseHistoryState.Initial, Session("s-1", T0, 1000, 0).Take(2));
        state = StoreAsIs(state, stored, [new MeterSampled("s-1", new MeterReading(T0.AddMinutes(30), 4000))]);

        // Restart reconciliation: EVerest reports the EVSE idle, so the transaction is closed at the last meter known.
        var reconciled = TransactionReconciler.Reconcile(state, new ObservedSession(T0.AddHours(2), ObservedActivity.Idle, null, null, 4000), "reconciled-e-1-9");
        state = StoreAsIs(state, stored, reconciled);

        var realFinish = new TransactionFinished("s-1", T0.AddHours(1), "EVDisconnected", 9000, null, null, null);
        var (after, late, duplicates) = Run(state, [realFinish, realFinish]);

        Assert.Equal(1, duplicates);
        Assert.IsType<SessionReconciled>(late[0]);
        Assert.Equal(realFinish, late[1]);
        Assert.Equal(2, late.Count);
        Assert.Null(after.Transaction);

        var session = Assert.Single(Replay(stored, late).Finished);
        Assert.Equal(8000m, session.EnergyWh);
        Assert.Equal(T0.AddHours(1), session.StoppedAt);
        Assert.Equal("EVDisconnected", session.StopReason);
        Assert.True(session.Reconciled);
    }

    [Fact]
    public void A_real_finish_after_a_reconciled_close_does_not_disturb_the_transaction_running_since()
    {
        var (state, stored, _) = Run(EvseHistoryState.Initial, Session("s-1", T0, 1000, 0).Take(2));
        var reconciled = TransactionReconciler.Reconcile(
            state,
            new ObservedSession(T0.AddHours(2), ObservedActivity.Transaction, T0.AddHours(1.5), null, 12000),
            "reconciled-e-1-9");
        state = StoreAsIs(state, stored, reconciled);

        var (after, late, _) = Run(state, [
            new TransactionFinished("s-1", T0.AddHours(1), "EVDisconnected", 9000, null, null, null),
            new SessionFinished("s-1", T0.AddHours(1), 9000),
        ]);

        Assert.Equal("reconciled-e-1-9", after.Transaction?.SessionUuid);
        Assert.Equal(2, late.Count);
        var sessions = Replay(stored, late);
        Assert.Equal(8000m, Assert.Single(sessions.Finished).EnergyWh);
        Assert.Equal("reconciled-e-1-9", sessions.Live?.SessionUuid);
    }

    [Fact]
    public void The_real_events_of_the_session_a_placeholder_stood_in_for_supersede_it_without_energy()
    {
        var (state, stored) = AfterAPlaceholderTransaction();

        var (_, late, _) = Run(state, Session("s-2", T0.AddHours(2), 5000, 11000));
        var sessions = Replay(stored, late).Finished;

        Assert.Equal(["s-1", "reconciled-e-1-9", "s-2"], sessions.Select(s => s.SessionUuid));
        Assert.Equal(0m, sessions[1].EnergyWh);
        Assert.False(sessions[1].IsBillable);
        Assert.Equal(6000m, sessions[2].EnergyWh);
        Assert.True(sessions[0].IsBillable && sessions[2].IsBillable);
    }

    [Fact]
    public void A_finish_whose_start_a_placeholder_stood_in_for_takes_over_the_placeholders_start()
    {
        var (state, stored) = AfterAPlaceholderTransaction();

        var (_, late, _) = Run(state, [new TransactionFinished("s-2", T0.AddHours(4), "EVDisconnected", 11000, null, null, null)]);
        var sessions = Replay(stored, late).Finished;

        Assert.Equal(["s-1", "reconciled-e-1-9", "s-2"], sessions.Select(s => s.SessionUuid));
        Assert.False(sessions[1].IsBillable);
        Assert.Equal(6000m, sessions[2].EnergyWh);
        Assert.Equal(T0.AddHours(2), sessions[2].StartedAt);
    }

    /// <summary>
    /// Session s-1 billed (1000 to 5000 Wh), then a transaction that restart reconciliation opened under a placeholder
    /// uuid because EVerest reported one running that the controller never saw start, metered up to 7000 Wh.
    /// </summary>
    private static (EvseHistoryState State, List<IEvseHistoryEvent> Stored) AfterAPlaceholderTransaction()
    {
        var (state, stored, _) = Run(EvseHistoryState.Initial, Session("s-1", T0, 1000, 5000));
        state = StoreAsIs(state, stored, [
            new TransactionStarted("reconciled-e-1-9", T0.AddHours(2), SessionLifecycle.UnknownIdToken, 5000, null, null, Reconciled: true),
            new MeterSampled(null, new MeterReading(T0.AddHours(3), 7000)),
        ]);
        return (state, stored);
    }

    /// <summary>What billing reads from the history stored first and the events stored after it, numbered as the journal numbers them.</summary>
    private static SessionHistory Replay(IEnumerable<IEvseHistoryEvent> stored, IEnumerable<IEvseHistoryEvent> late) =>
        BillingHistoryFold.Replay(stored.Concat(late).Select((e, i) => ((long)i + 1, e)));

    /// <summary>Stores events as they come, past <see cref="SessionLifecycle.Decide"/>, as restart reconciliation's are stored.</summary>
    private static EvseHistoryState StoreAsIs(EvseHistoryState state, List<IEvseHistoryEvent> stored, IEnumerable<IEvseHistoryEvent> events)
    {
        foreach (var e in events)
        {
            state = state.Apply(e);
            stored.Add(e);
        }

        return state;
    }
}
