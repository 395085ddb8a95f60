using Everest.Site.Actors.TestKit;
using Xunit.Abstractions;

namespace Everest.Site.Actors.Tests;

public sealed class BackoffSpecs(ITestOutputHelper output) : ActorTestKit(output)
{
    [Fact]
    public async Task Backoff_recreates_a_failed_child_after_exponentially_growing_delays_on_virtual_time()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Fragile(TestActor)).WithBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), randomFactor: 0), "fragile");
        await ExpectMsgAsync("started");

        supervisor.Tell("crash");
        await AwaitConditionAsync(() => Time.ActiveTimerCount == 1, description: "first backoff scheduled");
        Advance(TimeSpan.FromMilliseconds(999));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(1));
        await ExpectMsgAsync("started");

        supervisor.Tell("crash");
        await AwaitConditionAsync(() => Time.ActiveTimerCount == 1, description: "second backoff scheduled");
        Advance(TimeSpan.FromMilliseconds(1999));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(1));
        await ExpectMsgAsync("started");

        supervisor.Tell("hello", TestActor);
        await ExpectMsgAsync("hello");
    }

    [Fact]
    public async Task Messages_sent_while_the_child_is_down_go_to_dead_letters()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters);
        var supervisor = Sys.ActorOf(Props.Create(() => new Fragile(TestActor)).WithBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), randomFactor: 0), "fragile");
        await ExpectMsgAsync("started");

        supervisor.Tell("crash");
        await AwaitConditionAsync(() => Time.ActiveTimerCount == 1, description: "backoff scheduled");
        supervisor.Tell("while down", TestActor);

        await deadLetters.FishForMessageAsync<DeadLetter>(d => d.Message is "while down");
    }

    [Fact]
    public async Task When_the_child_stops_without_failing_the_supervisor_stops_too()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Fragile(TestActor)).WithBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), "fragile");
        await ExpectMsgAsync("started");
        await TestActor.WatchAsync(supervisor);

        supervisor.Tell("quit");

        await TestActor.ExpectTerminatedAsync(supervisor);
    }

    private sealed class Fragile(IActorRef probe) : Actor
    {
        protected override void PreStart() => probe.Tell("started");

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "crash":
                    throw new InvalidOperationException("crash requested");
                case "quit":
                    Context.Stop(Self);
                    break;
                default:
                    Sender.Tell(message);
                    break;
            }
        }
    }
}
