using Everest.Site.Actors.TestKit;
using Xunit.Abstractions;

namespace Everest.Site.Actors.Tests;

public sealed class SupervisionSpecs(ITestOutputHelper output) : ActorTestKit(output)
{
    [Fact]
    public async Task Restart_resets_state_drops_the_failing_message_and_runs_hooks_in_order()
    {
        var counter = Sys.ActorOf(Props.Create(() => new Counter(TestActor)), "counter");
        await ExpectMsgAsync("PreStart 1");
        counter.Tell("inc");
        counter.Tell("inc");
        counter.Tell("fail");
        counter.Tell("get", TestActor);

        await ExpectMsgAsync("PreRestart 1 fail");
        await ExpectMsgAsync("PostStop 1");
        await ExpectMsgAsync("PostRestart 2");
        await ExpectMsgAsync("PreStart 2");
        await ExpectMsgAsync(0);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Restart_stops_the_children_of_the_failed_instance()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentOfOne(TestActor)), "parent");
        var firstChild = await ExpectMsgAsync<IActorRef>();
        var watcher = CreateTestProbe();
        await watcher.WatchAsync(firstChild);

        parent.Tell("fail");

        await watcher.ExpectTerminatedAsync(firstChild);
        var secondChild = await ExpectMsgAsync<IActorRef>();
        Assert.NotEqual(firstChild, secondChild);
        Assert.Equal(firstChild.Path.ToString(), secondChild.Path.ToString());
    }

    [Fact]
    public async Task Restarts_beyond_the_limit_within_the_window_stop_the_child()
    {
        var strategy = new SupervisorStrategy(_ => Directive.Restart, maxNrOfRetries: 2, withinTimeRange: TimeSpan.FromMinutes(1));
        var supervisor = Sys.ActorOf(Props.Create(() => new ParentOf(Props.Create(() => new Counter(TestActor)), TestActor)).WithSupervisorStrategy(strategy), "supervisor");
        var child = await ExpectMsgAsync<IActorRef>();
        await ExpectMsgAsync("PreStart 1");
        var watcher = CreateTestProbe();
        await watcher.WatchAsync(child);

        child.Tell("fail");
        await FishForMessageAsync<string>(m => m == "PreStart 2");
        child.Tell("fail");
        await FishForMessageAsync<string>(m => m == "PreStart 3");
        child.Tell("fail");

        await watcher.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task Restarts_outside_the_window_are_not_counted_together()
    {
        var strategy = new SupervisorStrategy(_ => Directive.Restart, maxNrOfRetries: 1, withinTimeRange: TimeSpan.FromMinutes(1));
        Sys.ActorOf(Props.Create(() => new ParentOf(Props.Create(() => new Counter(TestActor)), TestActor)).WithSupervisorStrategy(strategy), "supervisor");
        var child = await ExpectMsgAsync<IActorRef>();
        await ExpectMsgAsync("PreStart 1");

        child.Tell("fail");
        await FishForMessageAsync<string>(m => m == "PreStart 2");
        Advance(TimeSpan.FromMinutes(2));
        child.Tell("fail");
        await FishForMessageAsync<string>(m => m == "PreStart 3");
        child.Tell("get", TestActor);
        await ExpectMsgAsync(0);
    }

    [Fact]
    public async Task Resume_keeps_the_instance_and_its_state()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new ParentOf(Props.Create(() => new Counter(TestActor)), TestActor))
            .WithSupervisorStrategy(new SupervisorStrategy(_ => Directive.Resume)), "supervisor");
        var child = await ExpectMsgAsync<IActorRef>();
        await ExpectMsgAsync("PreStart 1");

        child.Tell("inc");
        child.Tell("fail");
        child.Tell("inc");
        child.Tell("get", TestActor);

        await ExpectMsgAsync(2);
    }

    [Fact]
    public async Task Stop_directive_stops_the_failing_child()
    {
        Sys.ActorOf(Props.Create(() => new ParentOf(Props.Create(() => new Counter(TestActor)), TestActor))
            .WithSupervisorStrategy(SupervisorStrategy.Stopping), "supervisor");
        var child = await ExpectMsgAsync<IActorRef>();
        await ExpectMsgAsync("PreStart 1");
        var watcher = CreateTestProbe();
        await watcher.WatchAsync(child);

        child.Tell("fail");

        await FishForMessageAsync<string>(m => m == "PostStop 1");
        await watcher.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task Escalate_fails_the_parent_with_the_same_exception()
    {
        var decisions = CreateTestProbe();
        var grandparentStrategy = new SupervisorStrategy(ex =>
        {
            decisions.Tell(ex);
            return Directive.Stop;
        });
        var escalating = Props.Create(() => new ParentOf(Props.Create(() => new Counter(TestActor)), TestActor))
            .WithSupervisorStrategy(new SupervisorStrategy(_ => Directive.Escalate));
        Sys.ActorOf(Props.Create(() => new ParentOf(escalating, TestActor)).WithSupervisorStrategy(grandparentStrategy), "grandparent");
        var parent = await ExpectMsgAsync<IActorRef>();
        var child = await ExpectMsgAsync<IActorRef>();
        await ExpectMsgAsync("PreStart 1");
        var watcher = CreateTestProbe();
        await watcher.WatchAsync(parent);

        child.Tell("fail");

        var escalated = await decisions.ExpectMsgAsync<InvalidOperationException>();
        Assert.Equal("fail requested", escalated.Message);
        await watcher.ExpectTerminatedAsync(parent);
    }

    [Fact]
    public async Task A_failing_constructor_stops_the_actor_under_the_default_strategy()
    {
        var broken = Sys.ActorOf(Props.Create<BrokenConstructor>(), "broken");
        await TestActor.WatchAsync(broken);

        await TestActor.ExpectTerminatedAsync(broken);
    }

    [Fact]
    public async Task A_failing_PreStart_is_a_failure_the_parent_can_restart()
    {
        var attempts = 0;
        var strategy = new SupervisorStrategy(ex => ex is ActorInitializationException ? Directive.Restart : Directive.Stop);
        Sys.ActorOf(Props.Create(() => new ParentOf(Props.Create(() => new FailingStart(TestActor, ++attempts)), TestActor)).WithSupervisorStrategy(strategy), "supervisor");
        await ExpectMsgAsync<IActorRef>();

        await ExpectMsgAsync("started on attempt 2");
    }

    [Fact]
    public async Task System_messages_are_processed_before_queued_user_messages()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters);
        var actor = Sys.ActorOf(Props.Create(() => new StopsWithQueuedWork(TestActor)), "stopper");
        await TestActor.WatchAsync(actor);

        actor.Tell("go");

        await ExpectMsgAsync("queued ten, then stopped myself");
        await TestActor.ExpectTerminatedAsync(actor);
        var undelivered = await deadLetters.ReceiveWhileAsync<DeadLetter>(d => d.Message is "queued", maxMessages: 10);
        Assert.Equal(10, undelivered.Count);
    }

    private sealed class Counter : Actor
    {
        private readonly IActorRef _probe;
        private readonly int _instance;
        private int _count;

        public Counter(IActorRef probe)
        {
            _probe = probe;
            _instance = InstanceNumber();
        }

        protected override void PreStart() => _probe.Tell($"PreStart {_instance}");

        protected override void PostStop() => _probe.Tell($"PostStop {_instance}");

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"PreRestart {_instance} {message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _probe.Tell($"PostRestart {_instance}");
            base.PostRestart(reason);
        }

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "inc":
                    _count++;
                    break;
                case "get":
                    Sender.Tell(_count);
                    break;
                case "fail":
                    throw new InvalidOperationException("fail requested");
            }
        }

        /// <summary>1-based per system and actor path, so tests do not share a numbering.</summary>
        private int InstanceNumber()
        {
            var key = (Context.System, Self.Path.ToString());
            lock (Numbers)
            {
                Numbers[key] = Numbers.GetValueOrDefault(key) + 1;
                return Numbers[key];
            }
        }

        private static readonly Dictionary<(ActorSystem, string), int> Numbers = [];
    }

    private sealed class ParentOfOne(IActorRef probe) : Actor
    {
        protected override void PreStart() => probe.Tell(Context.ActorOf(Props.Create(() => new Idle()), "only-child"));

        protected override void OnReceive(object message)
        {
            if (message is "fail")
            {
                throw new InvalidOperationException("parent fails");
            }
        }
    }

    private sealed class ParentOf(Props childProps, IActorRef probe) : Actor
    {
        protected override void PreStart() => probe.Tell(Context.ActorOf(childProps, "child"));

        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class Idle : Actor
    {
        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class BrokenConstructor : Actor
    {
        public BrokenConstructor() => throw new InvalidOperationException("cannot construct");

        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class FailingStart(IActorRef probe, int attempt) : Actor
    {
        protected override void PreStart()
        {
            if (attempt == 1)
            {
                throw new InvalidOperationException("first start fails");
            }

            probe.Tell($"started on attempt {attempt}");
        }

        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class StopsWithQueuedWork(IActorRef probe) : Actor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "go":
                    for (var i = 0; i < 10; i++)
                    {
                        Self.Tell("queued");
                    }

                    Context.Stop(Self);
                    probe.Tell("queued ten, then stopped myself");
                    break;
                default:
                    probe.Tell("must not be processed: " + message);
                    break;
            }
        }
    }
}
