using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Scenarios.Support;
using Xunit.Abstractions;
using Recorded = Everest.Site.Domain.Evse.History;

namespace Everest.Site.Scenarios.Inbox;

/// <summary>What reached the controller is not lost while an EVSE actor fails, backs off and recovers.</summary>
public sealed class InboxStories(ITestOutputHelper output) : EvseScenario(output)
{
    private const string Session = "s-outage";

    [Fact]
    public async Task Session_events_sent_while_the_actor_backs_off_after_a_journal_failure_are_recorded_after_its_restart_in_order()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var now = Time.GetUtcNow();

        // The database fails: the actor cannot store SessionStarted, stops, and waits out its backoff.
        await BreakTheJournalAsync();
        await Everest.SessionEventAsync(Session, SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 500, now));
        await AwaitInboxAsync(EvseId, s => !s.ActorReady, "the actor stopped after the failed write");
        await RestoreTheJournalAsync();

        // Meanwhile EVerest goes on.
        await Everest.SessionEventAsync(Session, SessionEventType.Authorized);
        await Everest.SessionEventAsync(Session, SessionEventType.TransactionStarted, Wire.TransactionStarted(500, now));
        var waiting = await AwaitInboxAsync(EvseId, s => s.QueuedOther == 3, "the three session events wait in the inbox");
        Assert.Equal(0, waiting.InFlight);
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        Time.Advance(Plan.Backoff.LongestFirstDelay);

        await ExpectHistoryAsync<Recorded.SessionStarted>(e => e.SessionUuid == Session && e.MeterWh == 500);
        await ExpectHistoryAsync<Authorized>(e => e.SessionUuid == Session);
        await ExpectHistoryAsync<Recorded.TransactionStarted>(e => e.SessionUuid == Session);
        var after = await AwaitInboxAsync(EvseId, s => s is { ActorReady: true, QueuedOther: 0, InFlight: 0 }, "everything is handed over and acknowledged");
        Assert.Equal(2, after.ActorStarts);
        Assert.Equal(0, after.GivenUp);
        var snapshot = await SnapshotAsync();
        Assert.Equal(Session, snapshot.History.Transaction?.SessionUuid);
        Assert.Equal(0, snapshot.TotalRejections);
    }

    [Fact]
    public async Task A_command_sent_while_the_actor_backs_off_is_executed_and_answered_after_its_restart()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        await BreakTheJournalAsync();
        await Everest.SessionEventAsync(Session, SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 0, Time.GetUtcNow()));
        await AwaitInboxAsync(EvseId, s => !s.ActorReady, "the actor stopped after the failed write");
        await RestoreTheJournalAsync();

        // A restarted actor knows the EVSE is online only from the next heartbeat, which EVerest sends every second.
        await Everest.HeartbeatAsync();
        await AwaitInboxAsync(EvseId, s => s.QueuedTelemetry == 1, "the heartbeat waits");
        var answer = CommandAsync(new ForceUnlock(1));
        await AwaitInboxAsync(EvseId, s => s.QueuedOther == 2, "the session event and the command wait behind it");
        Assert.False(answer.IsCompleted);

        Time.Advance(Plan.Backoff.LongestFirstDelay);

        var result = await answer;
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(1, Everest.CountReceived("force_unlock"));
        await History.FishForMessageAsync<EvseHistoryAppended>(e => e.Event is Recorded.SessionStarted);
    }

    [Fact]
    public async Task A_telemetry_flood_while_the_actor_is_down_keeps_only_the_newest_readings_counts_the_rest_and_keeps_every_session_event()
    {
        await StartEvseAsync(inbox: new EvseInboxSettings(TelemetryCapacity: 8, MaxInFlight: 4, MaxDeliveryAttempts: 3));
        await BringOnlineAsync();
        var now = Time.GetUtcNow();
        await BreakTheJournalAsync();
        await Everest.SessionEventAsync(Session, SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 1000, now));
        await AwaitInboxAsync(EvseId, s => !s.ActorReady, "the actor stopped after the failed write");
        await RestoreTheJournalAsync();

        const int readings = 100;
        for (var i = 0; i < readings; i++)
        {
            await Everest.PublishAsync("powermeter", FakeEverest.Meter(now.AddSeconds(i), 1000 + i));
            if (i == readings / 2)
            {
                await Everest.SessionEventAsync(Session, SessionEventType.Authorized);
            }
        }

        var flooded = await AwaitInboxAsync(EvseId, s => s.QueuedTelemetry + s.DroppedTelemetry == readings, "every reading reached the inbox");
        Assert.Equal(8, flooded.QueuedTelemetry);
        Assert.Equal(readings - 8, flooded.DroppedTelemetry);
        Assert.Equal(2, flooded.QueuedOther);

        Time.Advance(Plan.Backoff.LongestFirstDelay);

        // The session events in their order, then the oldest reading that was kept (the first 92 were dropped).
        await ExpectHistoryAsync<Recorded.SessionStarted>();
        await ExpectHistoryAsync<Authorized>();
        var sample = await ExpectHistoryAsync<MeterSampled>();
        Assert.Equal(1000 + readings - 8, sample.Reading.ImportedWh);
        var snapshot = await AwaitSnapshotAsync(s => s.Live.Powermeter?.EnergyWhImport?.Total == 1000 + readings - 1, "the newest reading is the live one");
        Assert.Equal(Session, snapshot.History.Session?.Uuid);
    }
}
