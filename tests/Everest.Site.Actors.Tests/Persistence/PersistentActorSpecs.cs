using Everest.Site.Actors.Persistence;
using Everest.Site.Actors.TestKit;
using Xunit.Abstractions;

namespace Everest.Site.Actors.Tests.Persistence;

public sealed class PersistentActorSpecs(ITestOutputHelper output)
    : ActorTestKit(output, new ActorTestKitOptions { Serializer = CounterSerializer.Create() })
{
    [Fact]
    public async Task A_restarted_incarnation_recovers_its_state_from_the_events()
    {
        var first = await StartCounterAsync("counter-1");
        Assert.Equal(new Total(5), await first.Ask<Total>(new Add(5), DefaultTimeout));
        Assert.Equal(new Total(12), await first.Ask<Total>(new Add(7), DefaultTimeout));
        await StopAsync(first);

        var second = Sys.ActorOf(Props.Create(() => new PersistentCounter("counter-1", TestActor)), "counter-again");

        var recovered = await ExpectMsgAsync<Recovered>();
        Assert.Equal(12, recovered.Total);
        Assert.Equal(2, recovered.LastSequenceNr);
        Assert.Equal(["added 5", "added 7"], recovered.Replayed);
        Assert.Equal(new Total(13), await second.Ask<Total>(new Add(1), DefaultTimeout));
    }

    [Fact]
    public async Task Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events()
    {
        var counter = await StartCounterAsync("counter-2");
        await counter.Ask<Total>(new Add(1), DefaultTimeout);
        await counter.Ask<Total>(new Add(2), DefaultTimeout);
        counter.Tell(new TakeSnapshot());
        var saved = await ExpectMsgAsync<SaveSnapshotSuccess>();
        Assert.Equal(2, saved.Metadata.SequenceNr);
        await counter.Ask<Total>(new Add(10), DefaultTimeout);
        await StopAsync(counter);

        Sys.ActorOf(Props.Create(() => new PersistentCounter("counter-2", TestActor)), "counter-2-again");

        var recovered = await ExpectMsgAsync<Recovered>();
        Assert.Equal(["snapshot 3", "added 10"], recovered.Replayed);
        Assert.Equal(13, recovered.Total);
        Assert.Equal(3, recovered.LastSequenceNr);
    }

    [Fact]
    public async Task Events_are_stored_with_their_tags_manifest_timestamp_and_writer()
    {
        var counter = await StartCounterAsync("counter-3");
        Advance(TimeSpan.FromHours(1));

        await counter.Ask<Total>(new AddTwice(4), DefaultTimeout);

        var events = new List<EventEnvelope>();
        await foreach (var envelope in EventQuery!.CurrentEventsByTagAsync("counter-counter-3"))
        {
            events.Add(envelope);
        }

        Assert.Equal([1L, 2L], events.Select(e => e.SequenceNr));
        Assert.All(events, e =>
        {
            Assert.Equal("test.counter.added.v1", e.Manifest);
            Assert.Contains("counter", e.Tags);
            Assert.Equal(Time.GetUtcNow(), e.Timestamp);
        });
        var stored = new List<PersistentRepr>();
        await foreach (var repr in Journal.ReplayAsync("counter-3", 1, long.MaxValue, long.MaxValue))
        {
            stored.Add(repr);
        }

        Assert.Single(stored.Select(r => r.WriterId).Distinct());
        Assert.NotEqual(Guid.Empty, stored[0].WriterId);
    }

    [Fact]
    public async Task PersistAll_runs_each_handler_in_order_after_one_atomic_write()
    {
        var counter = await StartCounterAsync("counter-4");

        counter.Tell(new AddTwice(3), TestActor);

        await ExpectMsgAsync(new Total(3));
        await ExpectMsgAsync(new Total(6));
    }

    [Fact]
    public void Unregistered_event_types_and_manifests_fail_clearly_and_duplicates_are_rejected()
    {
        var serializer = CounterSerializer.Create();

        var unknownType = Assert.Throws<EventSerializationException>(() => serializer.Serialize(new Total(1)));
        Assert.Contains(nameof(Total), unknownType.Message, StringComparison.Ordinal);
        Assert.Throws<EventSerializationException>(() => serializer.Deserialize("test.unknown.v1", "{}"u8));
        Assert.Throws<EventSerializationException>(() => serializer.Deserialize("test.counter.added.v1", "not json"u8));
        Assert.Throws<ArgumentException>(() => serializer.Register("test.counter.added.v1", CounterJsonContext.Default.CounterSnapshot));
        Assert.Throws<ArgumentException>(() => serializer.Register("test.counter.added.v2", CounterJsonContext.Default.Added));
        var roundTrip = serializer.Serialize(new Added(42));
        Assert.Equal(new Added(42), serializer.Deserialize(roundTrip.Manifest, roundTrip.Payload.Span));
    }

    [Fact]
    public async Task A_recovery_that_cannot_read_an_event_stops_the_actor()
    {
        await Journal.WriteAsync(new AtomicWrite([
            new PersistentRepr("counter-5", 1, "test.unknown.v1", "{}"u8.ToArray(), [], Time.GetUtcNow(), Guid.NewGuid()),
        ]));

        var counter = Sys.ActorOf(Props.Create(() => new PersistentCounter("counter-5", TestActor)), "counter-5");
        await TestActor.WatchAsync(counter);

        await TestActor.ExpectTerminatedAsync(counter);
    }

    [Fact]
    public async Task Deleted_events_are_not_replayed_and_their_sequence_numbers_are_never_reused()
    {
        var counter = await StartCounterAsync("counter-6");
        await counter.Ask<Total>(new Add(1), DefaultTimeout);
        await counter.Ask<Total>(new Add(2), DefaultTimeout);
        await counter.Ask<Total>(new Add(4), DefaultTimeout);
        counter.Tell(new DeleteUpTo(3));
        await ExpectMsgAsync(new DeleteMessagesSuccess(3));
        await StopAsync(counter);

        var again = Sys.ActorOf(Props.Create(() => new PersistentCounter("counter-6", TestActor)), "counter-6-again");
        var recovered = await ExpectMsgAsync<Recovered>();
        Assert.Empty(recovered.Replayed);
        Assert.Equal(3, recovered.LastSequenceNr);
        await again.Ask<Total>(new Add(8), DefaultTimeout);

        var sequenceNrs = new List<long>();
        await foreach (var repr in Journal.ReplayAsync("counter-6", 1, long.MaxValue, long.MaxValue))
        {
            sequenceNrs.Add(repr.SequenceNr);
        }

        Assert.Equal([4L], sequenceNrs);
    }

    [Fact]
    public async Task Commands_sent_during_recovery_wait_until_it_completes()
    {
        await Journal.WriteAsync(new AtomicWrite([
            new PersistentRepr("counter-7", 1, "test.counter.added.v1", "{\"Amount\":10}"u8.ToArray(), [], Time.GetUtcNow(), Guid.NewGuid()),
        ]));

        var counter = Sys.ActorOf(Props.Create(() => new PersistentCounter("counter-7", TestActor)), "counter-7");
        counter.Tell(new GetTotal(), TestActor);
        counter.Tell(new Add(1), TestActor);

        await ExpectMsgAsync<Recovered>(r => r.Total == 10);
        await ExpectMsgAsync(new Total(10));
        await ExpectMsgAsync(new Total(11));
    }

    private async Task<IActorRef> StartCounterAsync(string persistenceId)
    {
        var counter = Sys.ActorOf(Props.Create(() => new PersistentCounter(persistenceId, TestActor)), persistenceId);
        await ExpectMsgAsync<Recovered>();
        return counter;
    }

    private async Task StopAsync(IActorRef actor)
    {
        await TestActor.WatchAsync(actor);
        Sys.Stop(actor);
        await TestActor.ExpectTerminatedAsync(actor);
    }
}
