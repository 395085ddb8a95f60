using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Scenarios.Support;
using Xunit.Abstractions;
using Recorded = Everest.Site.Domain.Evse.History;

namespace Everest.Site.Scenarios.Evse;

public sealed class BadInputStories(ITestOutputHelper output) : EvseScenario(output)
{
    /// <summary>Bodies that no e2m publication accepts: broken JSON, an array where no array of numbers fits, bytes that are not UTF-8.</summary>
    private static readonly byte[][] Garbage = ["{\"uuid\":"u8.ToArray(), "[1,2]"u8.ToArray(), [0xFF, 0xFE, 0x00, 0x7B]];

    public static IEnumerable<object[]> Publications() =>
        EverestApiContract.For(EverestApiType.EvseManagerConsumer)
            .Where(op => op.Kind == OperationKind.Publication)
            .Select(op => new object[] { op.Name });

    [Theory]
    [MemberData(nameof(Publications))]
    public async Task Garbage_on_a_topic_is_counted_under_that_topic_and_changes_nothing(string operation)
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var before = await SnapshotAsync();

        foreach (var body in Garbage)
        {
            await Everest.PublishRawAsync(operation, body);
        }

        var rejected = await ExpectRejectionsAsync(Garbage.Length);
        var topic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, ModuleId, operation).ToString();
        Assert.All(rejected, r => Assert.Equal(topic, r.Topic));
        var after = await SnapshotAsync();
        Assert.Equal(Garbage.Length, after.RejectionsByTopic[topic]);
        Assert.Equal(before.History, after.History);
        Assert.Equal(before.LastSequenceNr, after.LastSequenceNr);
        Assert.True(after.Live.Online);
    }

    [Fact]
    public async Task Fuzzed_payloads_on_every_topic_never_stop_the_actor_and_a_session_still_records_afterwards()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var random = new Random(20261122);
        var operations = Publications().Select(p => (string)p[0]).ToList();
        const int perTopic = 20;

        foreach (var operation in operations)
        {
            for (var i = 0; i < perTopic; i++)
            {
                await Everest.PublishRawAsync(operation, Mutate(random));
            }
        }

        await Everest.PublishAsync("evse_id", "DEPNXE123456*1");
        var afterFuzz = await AwaitSnapshotAsync(s => s.Live.EvseId == "DEPNXE123456*1", "the message after the fuzzing is processed");
        Assert.True(afterFuzz.TotalRejections > 0);
        Output.WriteLine($"{afterFuzz.TotalRejections} of {operations.Count * perTopic} fuzzed payloads rejected");

        var now = Time.GetUtcNow();
        await Everest.SessionEventAsync("after-fuzz", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 0, now));
        var started = await History.FishForMessageAsync<EvseHistoryAppended>(e => e.Event is Recorded.SessionStarted);
        Assert.Equal("after-fuzz", ((Recorded.SessionStarted)started.Event).SessionUuid);
    }

    [Fact]
    public async Task Out_of_order_and_unknown_session_events_are_refused_and_the_history_stays_consistent()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var sessionEventTopic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, ModuleId, "session_event").ToString();

        await Everest.SessionEventAsync("ghost", SessionEventType.ChargingPausedEV);
        await Everest.SessionEventAsync("ghost", SessionEventType.FromWire("ChargingTeleported"));
        await Everest.SessionEventAsync("ghost", SessionEventType.SessionStarted);

        var rejected = await ExpectRejectionsAsync(3);
        Assert.Contains("without its transaction", rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("unknown session event type 'ChargingTeleported'", rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("without session_started", rejected[2].Reason, StringComparison.Ordinal);
        var snapshot = await SnapshotAsync();
        Assert.Equal(3, snapshot.RejectionsByTopic[sessionEventTopic]);
        Assert.Null(snapshot.History.Session);
        Assert.Null(snapshot.History.Transaction);
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_transaction_finish_without_its_start_is_stored_as_a_reconciled_transaction_behind_an_audit_record()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var now = Time.GetUtcNow();

        await Everest.SessionEventAsync("ghost", SessionEventType.TransactionFinished, Wire.TransactionFinished(500, now, StopTransactionReason.Local));
        await Everest.SessionEventAsync("ghost", SessionEventType.SessionFinished, Wire.Finished(500, now));

        var audit = await ExpectHistoryAsync<Recorded.SessionReconciled>(e => e.SessionUuid == "ghost");
        Assert.Contains("without TransactionStarted", audit.Reason, StringComparison.Ordinal);
        await ExpectHistoryAsync<Recorded.SessionStarted>(e => e.Reason == SessionLifecycle.ReconciledStartReason);
        await ExpectHistoryAsync<Recorded.TransactionStarted>(e => e.Reconciled && e.MeterWh == 500);
        await ExpectHistoryAsync<Recorded.TransactionFinished>(e => e.MeterWh == 500);
        await ExpectHistoryAsync<Recorded.SessionFinished>(e => e.SessionUuid == "ghost");
        var snapshot = await SnapshotAsync();
        Assert.Equal(1, snapshot.Contradictions);
        Assert.Equal(0, snapshot.TotalRejections);
        Assert.Null(snapshot.History.Session);
    }

    [Fact]
    public async Task Replaying_a_finished_sessions_events_stores_nothing_twice()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var now = Time.GetUtcNow();
        async Task PlaySessionAsync()
        {
            await Everest.SessionEventAsync("s-replayed", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 100, now));
            await Everest.SessionEventAsync("s-replayed", SessionEventType.TransactionStarted, Wire.TransactionStarted(100, now));
            await Everest.SessionEventAsync("s-replayed", SessionEventType.TransactionFinished, Wire.TransactionFinished(900, now, StopTransactionReason.EVDisconnected));
            await Everest.SessionEventAsync("s-replayed", SessionEventType.SessionFinished, Wire.Finished(900, now));
        }

        await PlaySessionAsync();
        await AwaitSnapshotAsync(s => s.History.RecentLifecycleEvents.Keys.Count == 4, "the session is stored");
        var stored = (await SnapshotAsync()).LastSequenceNr;

        await PlaySessionAsync();
        await PlaySessionAsync();

        var after = await AwaitSnapshotAsync(s => s.DuplicatesIgnored == 8, "both replays are recognised");
        Assert.Equal(stored, after.LastSequenceNr);
        Assert.Equal(0, after.TotalRejections);
        Assert.Equal(0, after.Contradictions);
    }

    [Fact]
    public async Task A_new_session_while_one_is_open_closes_the_open_one_behind_an_audit_record()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var now = Time.GetUtcNow();
        await Everest.SessionEventAsync("s-first", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 100, now));
        await Everest.SessionEventAsync("s-first", SessionEventType.TransactionStarted, Wire.TransactionStarted(100, now));
        await ExpectHistoryAsync<Recorded.SessionStarted>();
        await ExpectHistoryAsync<Recorded.TransactionStarted>();

        await Everest.SessionEventAsync("s-second", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 300, now));

        await ExpectHistoryAsync<Recorded.SessionReconciled>(e => e.SessionUuid == "s-first");
        await ExpectHistoryAsync<Recorded.TransactionFinished>(e => e.SessionUuid == "s-first" && e.Reconciled);
        await ExpectHistoryAsync<Recorded.SessionFinished>(e => e.SessionUuid == "s-first" && e.Reconciled);
        await ExpectHistoryAsync<Recorded.SessionStarted>(e => e.SessionUuid == "s-second");
    }

    [Fact]
    public async Task A_powermeter_of_1e400_is_rejected_at_the_edge_and_the_actor_keeps_running()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var before = await SnapshotAsync();
        var topic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, ModuleId, "powermeter").ToString();
        var reading = $$$"""{"timestamp":"{{{Time.GetUtcNow():O}}}","energy_Wh_import":{"total":1e400}}""";
        const int attempts = 3;

        for (var i = 0; i < attempts; i++)
        {
            await Everest.PublishRawAsync("powermeter", reading);
        }

        var rejected = await ExpectRejectionsAsync(attempts);
        Assert.All(rejected, r => Assert.StartsWith(nameof(RejectionReason.NonFiniteNumber), r.Reason, StringComparison.Ordinal));
        Assert.Equal(before.LastSequenceNr, (await SnapshotAsync()).LastSequenceNr);
        await Everest.PublishAsync("powermeter", FakeEverest.Meter(Time.GetUtcNow(), 1234.5));
        var after = await AwaitSnapshotAsync(s => s.Live.Powermeter?.EnergyWhImport.Total == 1234.5, "the valid reading after the bad ones is processed");

        // The counts live in the actor's memory: a restart would have reset them.
        Assert.Equal(attempts, after.RejectionsByTopic[topic]);
        Assert.True(after.Live.Online);
    }

    [Fact]
    public async Task Unknown_enum_values_from_a_newer_EVerest_are_kept_in_the_live_state()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var info = new SessionInfo(EvseState.FromWire("Levitating"), 0, 0, 0, 0, Time.GetUtcNow());

        await Everest.PublishAsync("session_info", info);

        var snapshot = await AwaitSnapshotAsync(s => s.Live.SessionInfo is not null, "session_info is processed");
        Assert.Equal("Levitating", snapshot.Live.SessionInfo!.State.Value);
        Assert.Equal("Levitating", snapshot.Status.State);
        Assert.Equal(0, snapshot.TotalRejections);
    }

    /// <summary>A valid-looking payload with a few bytes flipped, cut or duplicated.</summary>
    private static byte[] Mutate(Random random)
    {
        var seeds = new[]
        {
            "{\"uuid\":\"x\",\"event\":\"SessionStarted\",\"timestamp\":\"2026-01-01T00:00:00Z\"}",
            "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"energy_Wh_import\":{\"total\":12.5}}",
            "{\"max_current\":16,\"nr_of_phases_available\":3}",
            "true", "42", "\"DEPNXE123456*1\"", "[\"AC_single_phase_core\"]",
        };
        var bytes = System.Text.Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)]);
        var mutations = random.Next(1, 4);
        for (var i = 0; i < mutations && bytes.Length > 0; i++)
        {
            switch (random.Next(3))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                default:
                    bytes = [.. bytes, .. bytes[..random.Next(bytes.Length)]];
                    break;
            }
        }

        return bytes;
    }
}
