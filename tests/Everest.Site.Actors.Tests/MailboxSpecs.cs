using Everest.Site.Actors.TestKit;
using Xunit.Abstractions;

namespace Everest.Site.Actors.Tests;

public sealed class MailboxSpecs(ITestOutputHelper output) : ActorTestKit(output)
{
    [Fact]
    public async Task Messages_from_one_sender_arrive_in_the_order_sent()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        for (var i = 0; i < 1_000; i++)
        {
            echo.Tell(i, TestActor);
        }

        for (var i = 0; i < 1_000; i++)
        {
            await ExpectMsgAsync(i);
        }
    }

    [Fact]
    public async Task Actor_processes_one_message_at_a_time_and_keeps_per_sender_order_under_concurrent_senders()
    {
        const int senders = 8;
        const int perSender = 20_000;
        var actor = Sys.ActorOf(Props.Create(() => new ConcurrencyChecker(senders)), "checker");
        var tasks = Enumerable.Range(0, senders).Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                actor.Tell(new Numbered(sender, i));
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        var report = await actor.Ask<CheckerReport>(new GetReport(), DefaultTimeout * 5);
        Assert.Equal(senders * perSender, report.Received);
        Assert.Equal(1, report.MaxConcurrent);
        Assert.Equal(0, report.OutOfOrder);
    }

    [Fact]
    public async Task Messages_to_a_stopped_actor_are_counted_and_published_as_dead_letters()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters);
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "doomed");
        await TestActor.WatchAsync(echo);
        Sys.Stop(echo);
        await TestActor.ExpectTerminatedAsync(echo);
        var before = Sys.DeadLetterCount;

        echo.Tell("too late", TestActor);

        var deadLetter = await deadLetters.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("too late", deadLetter.Message);
        Assert.Equal(echo, deadLetter.Recipient);
        Assert.Equal(TestActor, deadLetter.Sender);
        Assert.Equal(before + 1, Sys.DeadLetterCount);
    }

    [Fact]
    public async Task Unhandled_messages_are_published_as_UnhandledMessage_dead_letters()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters);
        var picky = Sys.ActorOf(Props.Create(() => new OnlyStrings()), "picky");

        picky.Tell(42, TestActor);

        var unhandled = await deadLetters.ExpectMsgAsync<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Equal(picky, unhandled.Recipient);
        Assert.True(Sys.DeadLetterCount >= 1);
    }

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");

        var reply = await echo.Ask<string>("ping", DefaultTimeout);

        Assert.Equal("ping", reply);
    }

    [Fact]
    public async Task Ask_times_out_on_the_system_clock()
    {
        var silent = Sys.ActorOf(Props.Create(() => new Silent()), "silent");
        var timersBefore = Time.ActiveTimerCount;

        var ask = silent.Ask<string>("anyone?", TimeSpan.FromSeconds(5));
        await AwaitConditionAsync(() => Time.ActiveTimerCount > timersBefore, description: "ask timer scheduled");
        Advance(TimeSpan.FromSeconds(4));
        Assert.False(ask.IsCompleted);
        Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
    }

    [Fact]
    public async Task Ask_faults_with_the_cause_of_a_Status_Failure_reply()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");

        var ask = echo.Ask<string>(new Status.Failure(new InvalidOperationException("refused")), DefaultTimeout);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ask);
        Assert.Equal("refused", failure.Message);
    }

    [Fact]
    public async Task Stash_holds_messages_until_UnstashAll_and_keeps_their_order()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gate(TestActor)), "gate");

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("c");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        actor.Tell(new Open());

        await ExpectMsgAsync("a");
        await ExpectMsgAsync("b");
        await ExpectMsgAsync("c");
        actor.Tell("d");
        await ExpectMsgAsync("d");
    }

    [Fact]
    public async Task Stash_beyond_capacity_fails_the_actor_with_StashOverflowException()
    {
        var failures = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Parent(Props.Create(() => new Gate(failures)).WithStashCapacity(2), TestActor))
            .WithSupervisorStrategy(new SupervisorStrategy(ex =>
            {
                failures.Tell(ex);
                return Directive.Stop;
            })), "parent");
        var child = await ExpectMsgAsync<IActorRef>();

        child.Tell("1");
        child.Tell("2");
        child.Tell("3");

        await failures.ExpectMsgAsync<StashOverflowException>();
    }

    [Fact]
    public async Task Become_replaces_the_handler_and_UnbecomeStacked_restores_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Moody()), "moody");

        actor.Tell("how are you", TestActor);
        await ExpectMsgAsync("happy");
        actor.Tell("annoy", TestActor);
        actor.Tell("how are you", TestActor);
        await ExpectMsgAsync("angry");
        actor.Tell("apologise", TestActor);
        actor.Tell("how are you", TestActor);
        await ExpectMsgAsync("happy");
    }

    [Fact]
    public async Task EventStream_delivers_by_type_including_base_types_and_drops_stopped_subscribers()
    {
        var animals = CreateTestProbe();
        var dogs = CreateTestProbe();
        Sys.EventStream.Subscribe<IAnimal>(animals);
        Sys.EventStream.Subscribe<Dog>(dogs);

        Sys.EventStream.Publish(new Dog("Rex"));
        Sys.EventStream.Publish(new Cat("Tom"));

        await animals.ExpectMsgAsync(new Dog("Rex"));
        await animals.ExpectMsgAsync(new Cat("Tom"));
        await dogs.ExpectMsgAsync(new Dog("Rex"));
        await dogs.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));

        var subscriber = Sys.ActorOf(Props.Create(() => new Echo()), "short-lived");
        Sys.EventStream.Subscribe<Dog>(subscriber);
        await TestActor.WatchAsync(subscriber);
        Sys.Stop(subscriber);
        await TestActor.ExpectTerminatedAsync(subscriber);
        Assert.False(Sys.EventStream.Unsubscribe(subscriber), "a stopped subscriber must already be removed");
        Assert.True(Sys.EventStream.Unsubscribe<IAnimal>(animals));
    }

    [Fact]
    public async Task PipeTo_sends_the_result_or_a_Status_Failure()
    {
        var probe = CreateTestProbe();

        await Task.FromResult(42).PipeTo(probe);
        await probe.ExpectMsgAsync(42);

        await Task.FromException<int>(new InvalidOperationException("boom")).PipeTo(probe);
        var failure = await probe.ExpectMsgAsync<Status.Failure>();
        Assert.IsType<InvalidOperationException>(failure.Cause);

        var completion = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var piped = completion.Task.PipeTo(probe, success: text => text.ToUpperInvariant());
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        completion.SetResult("late");
        await piped;
        await probe.ExpectMsgAsync("LATE");
    }

    [Fact]
    public void Actors_cannot_be_created_with_new()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new Echo());
        Assert.Contains("ActorOf", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_and_invalid_names_are_rejected()
    {
        Sys.ActorOf(Props.Create(() => new Echo()), "unique");

        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Echo()), "unique"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Echo()), "a/b"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Echo()), "$reserved"));
    }

    private interface IAnimal;

    private sealed record Dog(string Name) : IAnimal;

    private sealed record Cat(string Name) : IAnimal;

    private sealed record Numbered(int Sender, int Sequence);

    private sealed record GetReport;

    private sealed record CheckerReport(int Received, int MaxConcurrent, int OutOfOrder);

    private sealed record Open;

    private sealed class Echo : Actor
    {
        protected override void OnReceive(object message) => Sender.Tell(message);
    }

    private sealed class Silent : Actor
    {
        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class OnlyStrings : Actor
    {
        protected override void OnReceive(object message)
        {
            if (message is not string)
            {
                Unhandled(message);
            }
        }
    }

    private sealed class ConcurrencyChecker(int senders) : Actor
    {
        private readonly int[] _last = Enumerable.Repeat(-1, senders).ToArray();
        private int _inside;
        private int _maxConcurrent;
        private int _received;
        private int _outOfOrder;

        protected override void OnReceive(object message)
        {
            var inside = Interlocked.Increment(ref _inside);
            _maxConcurrent = Math.Max(_maxConcurrent, inside);
            switch (message)
            {
                case Numbered numbered:
                    if (numbered.Sequence != _last[numbered.Sender] + 1)
                    {
                        _outOfOrder++;
                    }

                    _last[numbered.Sender] = numbered.Sequence;
                    _received++;
                    break;
                case GetReport:
                    Sender.Tell(new CheckerReport(_received, _maxConcurrent, _outOfOrder));
                    break;
            }

            Interlocked.Decrement(ref _inside);
        }
    }

    private sealed class Gate(IActorRef target) : Actor
    {
        private bool _open;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Open:
                    _open = true;
                    Context.Stash.UnstashAll();
                    break;
                case string text when _open:
                    target.Tell(text);
                    break;
                default:
                    Context.Stash.Stash();
                    break;
            }
        }
    }

    private sealed class Parent(Props childProps, IActorRef probe) : Actor
    {
        protected override void PreStart() => probe.Tell(Context.ActorOf(childProps, "child"));

        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class Moody : Actor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "annoy":
                    Context.BecomeStacked(Angry);
                    break;
                default:
                    Sender.Tell("happy");
                    break;
            }
        }

        private void Angry(object message)
        {
            switch (message)
            {
                case "apologise":
                    Context.UnbecomeStacked();
                    break;
                default:
                    Sender.Tell("angry");
                    break;
            }
        }
    }
}
