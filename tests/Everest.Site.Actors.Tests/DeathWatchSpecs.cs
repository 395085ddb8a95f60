using Everest.Site.Actors.TestKit;
using Xunit.Abstractions;

namespace Everest.Site.Actors.Tests;

public sealed class DeathWatchSpecs(ITestOutputHelper output) : ActorTestKit(output)
{
    [Fact]
    public async Task DeathWatch_notifies_watcher_when_actor_stops()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Idle()), "subject");
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor)), "watcher");
        await ExpectMsgAsync("watching");

        Sys.Stop(subject);

        var terminated = await ExpectMsgAsync<Terminated>();
        Assert.Equal(subject, terminated.ActorRef);
    }

    [Fact]
    public async Task Watching_an_already_stopped_actor_notifies_at_once()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Idle()), "subject");
        await TestActor.WatchAsync(subject);
        Sys.Stop(subject);
        await TestActor.ExpectTerminatedAsync(subject);

        Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor)), "late-watcher");

        await ExpectMsgAsync("watching");
        await ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(subject));
    }

    [Fact]
    public async Task Unwatch_prevents_the_notification()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Idle()), "subject");
        await TestActor.WatchAsync(subject);
        await TestActor.UnwatchAsync(subject);

        Sys.Stop(subject);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task PoisonPill_stops_the_actor_after_the_messages_ahead_of_it()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        await TestActor.WatchAsync(echo);

        echo.Tell("first", TestActor);
        echo.Tell(PoisonPill.Instance);
        echo.Tell("after", TestActor);

        await ExpectMsgAsync("first");
        await TestActor.ExpectTerminatedAsync(echo);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task TerminateAsync_stops_children_before_their_parents()
    {
        var order = new ConcurrentOrder();
        var top = Sys.ActorOf(Props.Create(() => new Tree(order, 2)), "top");
        await AwaitConditionAsync(() => order.Started == 7, description: "7 actors started");

        await Sys.TerminateAsync();

        var stops = order.Stops;
        Assert.Equal(7, stops.Count);
        foreach (var path in stops)
        {
            var parent = path[..path.LastIndexOf('/')];
            var childIndex = stops.IndexOf(path);
            var parentIndex = stops.IndexOf(parent);
            if (parentIndex >= 0)
            {
                Assert.True(childIndex < parentIndex, $"{path} stopped after its parent {parent}");
            }
        }

        Assert.EndsWith("/top", stops[^1], StringComparison.Ordinal);
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create(() => new Idle())));
        _ = top;
    }

    [Fact]
    public async Task Spawning_and_stopping_100000_actors_delivers_every_Terminated()
    {
        const int count = 100_000;
        var spawner = Sys.ActorOf(Props.Create(() => new Spawner(count, TestActor)), "spawner");

        spawner.Tell("go");

        var report = await ExpectMsgAsync<int>(timeout: DefaultTimeout * 10);
        Assert.Equal(count, report);
        Assert.Empty(await spawner.Ask<IReadOnlyCollection<IActorRef>>("children", DefaultTimeout));
    }

    private sealed class Idle : Actor
    {
        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class Echo : Actor
    {
        protected override void OnReceive(object message) => Sender.Tell(message);
    }

    private sealed class Watcher(IActorRef subject, IActorRef probe) : Actor
    {
        protected override void PreStart()
        {
            Context.Watch(subject);
            probe.Tell("watching");
        }

        protected override void OnReceive(object message) => probe.Tell(message);
    }

    private sealed class ConcurrentOrder
    {
        private readonly Lock _gate = new();
        private readonly List<string> _stops = [];
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public List<string> Stops
        {
            get
            {
                lock (_gate)
                {
                    return [.. _stops];
                }
            }
        }

        public void Start() => Interlocked.Increment(ref _started);

        public void Stop(string path)
        {
            lock (_gate)
            {
                _stops.Add(path);
            }
        }
    }

    private sealed class Tree(ConcurrentOrder order, int depth) : Actor
    {
        protected override void PreStart()
        {
            order.Start();
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new Tree(order, depth - 1)), "left");
                Context.ActorOf(Props.Create(() => new Tree(order, depth - 1)), "right");
            }
        }

        protected override void PostStop() => order.Stop(Self.Path.ToString());

        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class Spawner(int count, IActorRef probe) : Actor
    {
        private int _terminated;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "go":
                    for (var i = 0; i < count; i++)
                    {
                        var child = Context.ActorOf(Props.Create(() => new Idle()));
                        Context.Watch(child);
                        Context.Stop(child);
                    }

                    break;
                case Terminated:
                    if (++_terminated == count)
                    {
                        probe.Tell(_terminated);
                    }

                    break;
                case "children":
                    Sender.Tell(Context.Children);
                    break;
            }
        }
    }
}
