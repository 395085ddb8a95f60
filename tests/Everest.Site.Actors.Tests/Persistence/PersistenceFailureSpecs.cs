using Everest.Site.Actors.Persistence;
using Everest.Site.Actors.TestKit;
using Xunit.Abstractions;

namespace Everest.Site.Actors.Tests.Persistence;

public sealed class PersistenceFailureSpecs : ActorTestKit
{
    private readonly ControllableJournal _journal;

    public PersistenceFailureSpecs(ITestOutputHelper output)
        : this(output, new ControllableJournal())
    {
    }

    private PersistenceFailureSpecs(ITestOutputHelper output, ControllableJournal journal)
        : base(output, new ActorTestKitOptions { Serializer = CounterSerializer.Create(), Journal = journal })
    {
        _journal = journal;
    }

    [Fact]
    public async Task Commands_arriving_during_a_write_are_handled_after_its_handlers_in_order()
    {
        var counter = Sys.ActorOf(Props.Create(() => new PersistentCounter("slow", TestActor)), "slow");
        await ExpectMsgAsync<Recovered>();

        counter.Tell(new Add(1), TestActor);
        var write = await _journal.NextWriteAsync(DefaultTimeout);
        counter.Tell(new GetTotal(), TestActor);
        counter.Tell(new Add(2), TestActor);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        write.Complete();
        await ExpectMsgAsync(new Total(1));
        await ExpectMsgAsync(new Total(1));
        var second = await _journal.NextWriteAsync(DefaultTimeout);
        Assert.Equal(2, second.Write.LowestSequenceNr);
        second.Complete();
        await ExpectMsgAsync(new Total(3));
    }

    [Fact]
    public async Task A_failed_write_stops_the_actor_and_its_handler_never_runs()
    {
        var counter = Sys.ActorOf(Props.Create(() => new PersistentCounter("failing", TestActor)), "failing");
        await ExpectMsgAsync<Recovered>();
        await TestActor.WatchAsync(counter);

        counter.Tell(new Add(1), TestActor);
        (await _journal.NextWriteAsync(DefaultTimeout)).Fail(new JournalWriteException("disk unplugged"));

        await TestActor.ExpectTerminatedAsync(counter);
    }

    [Fact]
    public async Task Under_backoff_a_journal_failure_recreates_the_actor_after_the_delay_and_it_recovers_exactly_the_stored_events()
    {
        var counter = Sys.ActorOf(
            Props.Create(() => new PersistentCounter("resilient", TestActor)).WithBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), randomFactor: 0),
            "resilient");
        await ExpectMsgAsync<Recovered>();
        counter.Tell(new Add(5), TestActor);
        (await _journal.NextWriteAsync(DefaultTimeout)).Complete();
        await ExpectMsgAsync(new Total(5));
        var timersBefore = Time.ActiveTimerCount;

        counter.Tell(new Add(100), TestActor);
        (await _journal.NextWriteAsync(DefaultTimeout)).Fail(new JournalWriteException("connection lost"));
        await AwaitConditionAsync(() => Time.ActiveTimerCount > timersBefore, description: "backoff timer scheduled");
        Advance(TimeSpan.FromSeconds(1.9));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Advance(TimeSpan.FromSeconds(0.1));

        var recovered = await ExpectMsgAsync<Recovered>();
        Assert.Equal(5, recovered.Total);
        Assert.Equal(1, recovered.LastSequenceNr);
        Assert.Equal(["added 5"], recovered.Replayed);
        _journal.HoldWrites = false;
        Assert.Equal(new Total(6), await counter.Ask<Total>(new Add(1), DefaultTimeout));
    }
}
