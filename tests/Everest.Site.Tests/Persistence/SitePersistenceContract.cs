using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Everest.Site.Configuration;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Persistence;

namespace Everest.Site.Tests.Persistence;

/// <summary>
/// What the site's persistence does on each SQL database: actors recover events and snapshots, tags are stored so the
/// SQL read journal serves events by tag with offsets, payloads go through our serializer, tables appear on start.
/// Each test gets an empty database of its own.
/// </summary>
public abstract class SitePersistenceContract : IAsyncLifetime
{
    /// <summary>Generous: the box is shared and the first write also creates the tables.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING");

    private readonly List<TestKit> _systems = [];

    /// <summary>The persistence options of this test's own empty database.</summary>
    protected abstract PersistenceOptions Options { get; }

    public abstract Task InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var system in _systems)
        {
            system.Shutdown(verifySystemShutdown: true);
        }

        await DisposeDatabaseAsync();
    }

    /// <summary>Rows of <paramref name="sql"/> run on this test's database, outside Akka.</summary>
    protected abstract Task<IReadOnlyList<object?[]>> QueryAsync(string sql);

    /// <summary>Names of the tables in this test's database.</summary>
    protected abstract Task<IReadOnlyList<string>> TablesAsync();

    protected abstract Task DisposeDatabaseAsync();

    [Fact]
    public void An_actor_stopped_and_started_again_recovers_from_its_snapshot_and_the_events_after_it()
    {
        var kit = StartSystem();
        var first = EvseHistorySamples.Session(1);
        var second = EvseHistorySamples.Session(2);
        var recorder = kit.Sys.ActorOf(HistoryRecorder.Props("evse-cp-1-1"));

        kit.Watch(recorder);
        Record(kit, recorder, first);
        recorder.Tell(new HistoryRecorder.TakeSnapshot(), kit.TestActor);
        Assert.Equal(first.Count, kit.ExpectMsg<HistoryRecorder.SnapshotTaken>(Patience).SequenceNr);
        Record(kit, recorder, second);
        kit.Sys.Stop(recorder);
        kit.ExpectTerminated(recorder, Patience);

        var recovered = Report(kit, kit.Sys.ActorOf(HistoryRecorder.Props("evse-cp-1-1")));

        Assert.Equal(first.Count, recovered.SnapshotSequenceNr);
        Assert.Equal(second, recovered.ReplayedEvents);
        Assert.Equal(first.Count + second.Count, recovered.LastSequenceNr);
        Assert.Equal(EvseHistoryState.Replay([.. first, .. second]), recovered.State);
    }

    [Fact]
    public async Task History_survives_a_restart_of_the_actor_system_on_the_same_database()
    {
        var history = EvseHistorySamples.Session(3);
        var before = StartSystem();
        Record(before, before.Sys.ActorOf(HistoryRecorder.Props("evse-cp-2-1")), history);
        await before.Sys.Terminate().WaitAsync(Patience);

        var after = StartSystem();
        var recovered = Report(after, after.Sys.ActorOf(HistoryRecorder.Props("evse-cp-2-1")));

        Assert.Null(recovered.SnapshotSequenceNr);
        Assert.Equal(history, recovered.ReplayedEvents);
        Assert.Equal(EvseHistoryState.Replay(history), recovered.State);
    }

    [Fact]
    public async Task The_read_journal_returns_exactly_the_billing_events_in_order_with_offsets_to_resume_from()
    {
        var kit = StartSystem();
        var a = kit.Sys.ActorOf(HistoryRecorder.Props("evse-a"));
        var b = kit.Sys.ActorOf(HistoryRecorder.Props("evse-b"));
        var written = new List<(string PersistenceId, IEvseHistoryEvent Event)>();
        var sessionA = EvseHistorySamples.Session(4);
        var sessionB = EvseHistorySamples.Session(5);
        for (var i = 0; i < sessionA.Count; i++)
        {
            Record(kit, a, [sessionA[i]]);
            written.Add(("evse-a", sessionA[i]));
            Record(kit, b, [sessionB[i]]);
            written.Add(("evse-b", sessionB[i]));
        }

        var expected = written.Where(w => IsBilling(w.Event)).ToList();
        var journal = ReadJournal(kit);
        var materializer = kit.Sys.Materializer();

        var all = await AwaitCount(() => journal.CurrentEventsByTag(EvseTags.Billing, Offset.NoOffset()).RunWith(Sink.Seq<EventEnvelope>(), materializer), expected.Count);

        Assert.Equal(expected, all.Select(e => (e.PersistenceId, (IEvseHistoryEvent)e.Event)));
        var offsets = all.Select(e => Assert.IsType<Sequence>(e.Offset).Value).ToList();
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(offsets.Count, offsets.Distinct().Count());

        var resumed = await journal.CurrentEventsByTag(EvseTags.Billing, all[4].Offset).RunWith(Sink.Seq<EventEnvelope>(), materializer).WaitAsync(Patience);
        Assert.Equal(all.Skip(5).Select(e => e.Offset), resumed.Select(e => e.Offset));

        var everything = await AwaitCount(() => journal.CurrentEventsByTag(EvseTags.Evse, Offset.NoOffset()).RunWith(Sink.Seq<EventEnvelope>(), materializer), written.Count);
        Assert.Equal(written.Select(w => w.Event), everything.Select(e => e.Event));
    }

    [Fact]
    public void A_live_query_by_tag_delivers_billing_events_written_after_it_started()
    {
        var kit = StartSystem();
        var recorder = kit.Sys.ActorOf(HistoryRecorder.Props("evse-live"));
        var session = EvseHistorySamples.Session(6);
        Record(kit, recorder, session.Take(4).ToList());
        var probe = kit.CreateTestProbe();
        ReadJournal(kit).EventsByTag(EvseTags.Billing, Offset.NoOffset())
            .RunWith(Sink.ActorRef<EventEnvelope>(probe.Ref, "completed", _ => "failed"), kit.Sys.Materializer());

        Record(kit, recorder, session.Skip(4).ToList());

        var billing = session.Where(IsBilling).ToList();
        var received = probe.ReceiveN(billing.Count, Patience).Cast<EventEnvelope>().Select(e => e.Event);
        Assert.Equal(billing, received);
    }

    [Fact]
    public async Task Events_and_snapshots_are_stored_with_our_serializer_and_stable_manifests_not_type_names()
    {
        var kit = StartSystem();
        var recorder = kit.Sys.ActorOf(HistoryRecorder.Props("evse-manifests"));
        var history = EvseHistorySamples.Session(7);
        Record(kit, recorder, history);
        recorder.Tell(new HistoryRecorder.TakeSnapshot(), kit.TestActor);
        kit.ExpectMsg<HistoryRecorder.SnapshotTaken>(Patience);

        var events = await QueryAsync("SELECT manifest, identifier FROM journal ORDER BY ordering");
        var snapshots = await QueryAsync("SELECT manifest, serializer_id FROM snapshot");

        Assert.Equal(history.Select(ManifestOf), events.Select(row => (string)row[0]!));
        Assert.All(events, row => Assert.Equal(EvseHistorySerializer.SerializerId, Convert.ToInt32(row[1], System.Globalization.CultureInfo.InvariantCulture)));
        var snapshot = Assert.Single(snapshots);
        Assert.Equal(EvseHistoryManifests.Snapshot, snapshot[0]);
        Assert.Equal(EvseHistorySerializer.SerializerId, Convert.ToInt32(snapshot[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_journal_tag_and_snapshot_tables_are_created_on_start()
    {
        Assert.DoesNotContain("journal", await TablesAsync());
        var kit = StartSystem();
        var recorder = kit.Sys.ActorOf(HistoryRecorder.Props("evse-tables"));
        Record(kit, recorder, EvseHistorySamples.Session(8).Take(1).ToList());
        recorder.Tell(new HistoryRecorder.TakeSnapshot(), kit.TestActor);
        kit.ExpectMsg<HistoryRecorder.SnapshotTaken>(Patience);

        var tables = await TablesAsync();

        Assert.Contains("journal", tables);
        Assert.Contains("tags", tables);
        Assert.Contains("snapshot", tables);
    }

    /// <summary>An actor system persisting exactly as the site does, on this test's database.</summary>
    protected TestKit StartSystem()
    {
        var kit = new TestKit(SitePersistenceConfig.ActorSystemSetup(Options, Quiet), $"site-{_systems.Count}");
        _systems.Add(kit);
        return kit;
    }

    private static void Record(TestKit kit, IActorRef recorder, IReadOnlyList<IEvseHistoryEvent> events)
    {
        recorder.Tell(new HistoryRecorder.Record(events), kit.TestActor);
        kit.ExpectMsg<HistoryRecorder.Recorded>(Patience);
    }

    private static HistoryRecorder.Recovered Report(TestKit kit, IActorRef recorder)
    {
        recorder.Tell(new HistoryRecorder.Report(), kit.TestActor);
        return kit.ExpectMsg<HistoryRecorder.Recovered>(Patience);
    }

    private static SqlReadJournal ReadJournal(TestKit kit) =>
        PersistenceQuery.Get(kit.Sys).ReadJournalFor<SqlReadJournal>(SitePersistenceConfig.ReadJournalPluginId);

    /// <summary>
    /// Runs a current query until it returns <paramref name="count"/> events: the read journal learns the newest
    /// ordering by polling, so events written a moment ago may not be visible to the first query.
    /// </summary>
    private static async Task<IReadOnlyList<EventEnvelope>> AwaitCount(Func<Task<IImmutableList<EventEnvelope>>> query, int count)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var result = await query().WaitAsync(deadline.Token);
            if (result.Count >= count || deadline.IsCancellationRequested)
            {
                return result;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>The billing events, spelled out here rather than taken from <see cref="EvseTags"/>, which is under test.</summary>
    private static bool IsBilling(IEvseHistoryEvent historyEvent) => historyEvent is SessionStarted or Authorized or Deauthorized
        or TransactionStarted or ChargingStarted or ChargingPaused or ChargingResumed or TransactionFinished or SessionFinished
        or MeterSampled or CsmsTransactionIdAssigned;

    private static string ManifestOf(IEvseHistoryEvent historyEvent) =>
        EvseHistoryManifests.Types.Single(t => t.Value == historyEvent.GetType()).Key;
}
