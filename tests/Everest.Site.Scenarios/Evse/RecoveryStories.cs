using Akka.Event;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Scenarios.Support;
using Xunit.Abstractions;
using Recorded = Everest.Site.Domain.Evse.History;

namespace Everest.Site.Scenarios.Evse;

public sealed class RecoveryStories(ITestOutputHelper output) : EvseScenario(output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task An_EVSE_actor_recreated_after_a_stop_recovers_the_same_history(int snapshotEvery)
    {
        var settings = Settings(snapshotEvery);
        await StartEvseAsync(settings);
        await BringOnlineAsync();
        var now = Time.GetUtcNow();
        await Everest.PublishAsync("hw_capabilities", Wire.ThreePhase32A);
        Assert.True((await CommandAsync(new Reserve(3, now.AddMinutes(10)))).Succeeded);
        await Everest.SessionEventAsync("", SessionEventType.ReservationStart);
        await Everest.SessionEventAsync("s-9", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.Authorized, 100, now, reservationId: 3));
        await Everest.SessionEventAsync("s-9", SessionEventType.Authorized);
        await Everest.SessionEventAsync("s-9", SessionEventType.TransactionStarted, Wire.TransactionStarted(100, now, reservationId: 3));
        await Everest.SessionEventAsync("s-9", SessionEventType.ChargingStarted);
        await Everest.OcppTransactionEventAsync(OcppModuleId, new OcppTransactionEvent(OcppTransactionEventType.Started, "s-9", TransactionId: "CSMS-9"));
        await Everest.PublishAsync("powermeter", FakeEverest.Meter(now, 150, currentA: 10));
        Assert.True((await CommandAsync(new PauseCharging("evening peak"))).Succeeded);
        await Everest.SessionEventAsync("s-9", SessionEventType.ChargingPausedEVSE);
        var last = await History.FishForMessageAsync<EvseHistoryAppended>(e => e.Event is ChargingPaused);
        var before = await SnapshotAsync();
        Assert.Equal(PauseCause.Site, before.History.Transaction?.PausedBy);
        Assert.Equal(1, before.History.Transaction?.PausesBySite);
        Assert.Equal("CSMS-9", before.History.Transaction?.CsmsTransactionId);
        Assert.Null(before.History.Reservation);
        Assert.NotNull(before.History.Hardware);

        await StopFleetAsync();
        await StartEvseAsync(settings);

        var after = await SnapshotAsync();
        Assert.Equal(before.History, after.History);
        Assert.Equal(last.SequenceNr, after.LastSequenceNr);
        var snapshot = await LoadSnapshotAsync(EvseActorSettings.PersistenceIdOf(EvseId));
        Assert.Equal(snapshotEvery > 0, snapshot is not null);

        // The recovered actor carries on: the transaction it recovered can finish.
        await Everest.HeartbeatAsync();
        await Everest.SessionEventAsync("s-9", SessionEventType.TransactionFinished, Wire.TransactionFinished(900, now, StopTransactionReason.Local));
        await History.FishForMessageAsync<EvseHistoryAppended>(e => e.Event is Recorded.TransactionFinished { MeterWh: 900 });
    }

    [Fact]
    public async Task A_transaction_that_ended_while_the_controller_was_down_is_closed_as_reconciled_on_the_first_session_info()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var start = Time.GetUtcNow();
        await Everest.SessionEventAsync("s-5", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 2000, start));
        await Everest.SessionEventAsync("s-5", SessionEventType.TransactionStarted, Wire.TransactionStarted(2000, start));
        await Everest.PublishAsync("powermeter", FakeEverest.Meter(start, 2000, currentA: 16));
        await History.FishForMessageAsync<EvseHistoryAppended>(e => e.Event is MeterSampled);
        await StopFleetAsync();

        // While the controller is away the car charges 4.2 kWh and leaves.
        Time.Advance(TimeSpan.FromMinutes(30));
        var ended = Time.GetUtcNow().AddMinutes(-2);
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(LogEvent));
        await StartEvseAsync();
        await Everest.HeartbeatAsync();
        await Everest.PublishAsync("powermeter", FakeEverest.Meter(Time.GetUtcNow(), 6200));
        var info = new SessionInfo(EvseState.Unplugged, 4200, 0, 0, 0, Time.GetUtcNow(), TransactionStartTime: start, TransactionEndTime: ended);

        // A session_info that disagrees with the history is reconciled on once the actor's marker came back through the broker.
        await History.FishForMessageAsync<EvseHistoryAppended>(e => e.Event is MeterSampled { Reading.ImportedWh: 6200 });
        await Everest.PublishAsync("session_info", info);

        var finished = await History.FishForMessageAsync<EvseHistoryAppended>(e => e.Event is Recorded.TransactionFinished);
        var transaction = (Recorded.TransactionFinished)finished.Event;
        Assert.True(transaction.Reconciled);
        Assert.Equal(ended, transaction.At);
        Assert.Equal(6200, transaction.MeterWh);
        var session = await ExpectHistoryAsync<Recorded.SessionFinished>();
        Assert.True(session.Reconciled);

        // A transaction that ended while the controller was away is what restarts are for: no warning.
        var told = await logs.FishForMessageAsync<LogEvent>(e => e.Message.ToString()!.Contains("reconciled its history", StringComparison.Ordinal));
        Assert.IsType<Info>(told);

        // Only the first session_info after the restart is reconciled.
        await Everest.PublishAsync("session_info", info);
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        var snapshot = await SnapshotAsync();
        Assert.Null(snapshot.History.Session);
        Assert.Null(snapshot.History.Transaction);
        Assert.Equal(1, Barrier.Requests);
    }

    [Fact]
    public async Task A_session_info_that_overtook_the_queued_TransactionFinished_is_not_reconciled_on()
    {
        var start = await RecoverWithAnOpenTransactionAsync("s-6");

        // The broker still holds EVerest's TransactionFinished behind its in-flight window when the live session_info
        // (QoS 0) arrives and says the transaction is over: the actor asks for a marker, which queues behind it.
        Barrier.Hold();
        var ended = Time.GetUtcNow().AddMinutes(-2);
        await Everest.PublishAsync("session_info", new SessionInfo(EvseState.Unplugged, 4200, 0, 0, 0, Time.GetUtcNow(), TransactionStartTime: start, TransactionEndTime: ended));
        await AwaitConditionAsync(() => Barrier.Held == 1, Patience, "the actor asked for a marker");
        await Everest.SessionEventAsync("s-6", SessionEventType.TransactionFinished, Wire.TransactionFinished(6200, ended, StopTransactionReason.EVDisconnected));
        await Everest.SessionEventAsync("s-6", SessionEventType.SessionFinished);
        await Barrier.ReleaseAsync();

        var finished = await ExpectHistoryAsync<Recorded.TransactionFinished>();
        Assert.False(finished.Reconciled);
        Assert.Equal(6200, finished.MeterWh);
        Assert.False((await ExpectHistoryAsync<Recorded.SessionFinished>()).Reconciled);

        // The marker found the history changed since the session_info: nothing is reconciled, and the history now agrees.
        await Everest.PublishAsync("session_info", new SessionInfo(EvseState.Unplugged, 4200, 0, 0, 0, Time.GetUtcNow(), TransactionStartTime: start, TransactionEndTime: ended));
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        var snapshot = await SnapshotAsync();
        Assert.Null(snapshot.History.Transaction);
        Assert.Equal(0, snapshot.Contradictions);
        Assert.Equal(1, Barrier.Requests);
    }

    [Fact]
    public async Task A_marker_of_an_earlier_request_does_not_release_the_reconciliation()
    {
        var start = await RecoverWithAnOpenTransactionAsync("s-7");
        Barrier.Hold();
        await Everest.PublishAsync("session_info", new SessionInfo(EvseState.Unplugged, 4200, 0, 0, 0, Time.GetUtcNow(), TransactionStartTime: start, TransactionEndTime: Time.GetUtcNow()));
        await AwaitConditionAsync(() => Barrier.Held == 1, Patience, "the actor asked for a marker");

        // Someone else's marker for this EVSE (another nonce) changes nothing.
        await Barrier.Inner.RequestAsync(EvseId, nonce: 42);
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        await Barrier.ReleaseAsync();
        Assert.True((await ExpectHistoryAsync<Recorded.TransactionFinished>()).Reconciled);
    }

    /// <summary>Stores a transaction <paramref name="sessionUuid"/> with a meter sample, restarts the fleet 30 minutes later; returns the transaction's start.</summary>
    private async Task<DateTimeOffset> RecoverWithAnOpenTransactionAsync(string sessionUuid)
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var start = Time.GetUtcNow();
        await Everest.SessionEventAsync(sessionUuid, SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 2000, start));
        await Everest.SessionEventAsync(sessionUuid, SessionEventType.TransactionStarted, Wire.TransactionStarted(2000, start));
        await History.FishForMessageAsync<EvseHistoryAppended>(e => e.Event is Recorded.TransactionStarted);
        await StopFleetAsync();
        Time.Advance(TimeSpan.FromMinutes(30));
        await StartEvseAsync();
        await Everest.HeartbeatAsync();
        await Everest.PublishAsync("powermeter", FakeEverest.Meter(Time.GetUtcNow(), 6200));
        await History.FishForMessageAsync<EvseHistoryAppended>(e => e.Event is MeterSampled { Reading.ImportedWh: 6200 });
        return start;
    }
}
