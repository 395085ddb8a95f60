using Everest.Site.Actors.TestKit;
using Xunit.Abstractions;

namespace Everest.Site.Actors.Tests;

public sealed class TimerSpecs(ITestOutputHelper output) : ActorTestKit(output)
{
    [Fact]
    public async Task Single_timer_fires_once_after_its_delay_on_virtual_time()
    {
        var actor = Start();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(10)));
        await ExpectMsgAsync("started");

        Advance(TimeSpan.FromSeconds(9));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromSeconds(1));
        await ExpectMsgAsync("tick");
        Advance(TimeSpan.FromSeconds(60));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        actor.Tell(new IsActive("k"));
        await ExpectMsgAsync(false);
    }

    [Fact]
    public async Task Periodic_timer_fires_once_per_interval_until_cancelled()
    {
        var actor = Start();
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromSeconds(1)));
        await ExpectMsgAsync("started");

        Advance(TimeSpan.FromSeconds(3));
        await ExpectMsgAsync("tick");
        await ExpectMsgAsync("tick");
        await ExpectMsgAsync("tick");
        actor.Tell(new IsActive("k"));
        await ExpectMsgAsync(true);

        actor.Tell(new CancelTimer("k"));
        await ExpectMsgAsync("cancelled");
        Advance(TimeSpan.FromSeconds(5));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Starting_a_timer_with_a_key_in_use_replaces_it()
    {
        var actor = Start();
        actor.Tell(new StartSingle("k", "old", TimeSpan.FromSeconds(1)));
        await ExpectMsgAsync("started");
        actor.Tell(new StartSingle("k", "new", TimeSpan.FromSeconds(2)));
        await ExpectMsgAsync("started");

        Advance(TimeSpan.FromSeconds(5));

        await ExpectMsgAsync("new");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_tick_already_queued_when_the_timer_is_cancelled_is_not_delivered()
    {
        var actor = Start();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)));
        await ExpectMsgAsync("started");

        // The cancel is queued before the timer fires, so the tick lands behind it in the mailbox.
        actor.Tell(new CancelTimer("k"));
        Advance(TimeSpan.FromSeconds(1));

        await ExpectMsgAsync("cancelled");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Timers_are_cancelled_when_the_actor_stops()
    {
        var actor = Start();
        var timersBefore = Time.ActiveTimerCount;
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromSeconds(1)));
        await ExpectMsgAsync("started");
        Assert.Equal(timersBefore + 1, Time.ActiveTimerCount);
        await TestActor.WatchAsync(actor);

        Sys.Stop(actor);
        await TestActor.ExpectTerminatedAsync(actor);

        Assert.Equal(timersBefore, Time.ActiveTimerCount);
        Advance(TimeSpan.FromSeconds(10));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    private IActorRef Start() => Sys.ActorOf(Props.Create(() => new TimerUser(TestActor)), "timer-user");

    private sealed record StartSingle(string Key, string Message, TimeSpan Delay);

    private sealed record StartPeriodic(string Key, string Message, TimeSpan Interval);

    private sealed record CancelTimer(string Key);

    private sealed record IsActive(string Key);

    private sealed class TimerUser(IActorRef probe) : Actor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case StartSingle single:
                    Context.Timers.StartSingleTimer(single.Key, single.Message, single.Delay);
                    probe.Tell("started");
                    break;
                case StartPeriodic periodic:
                    Context.Timers.StartPeriodicTimer(periodic.Key, periodic.Message, periodic.Interval);
                    probe.Tell("started");
                    break;
                case CancelTimer cancel:
                    Context.Timers.Cancel(cancel.Key);
                    probe.Tell("cancelled");
                    break;
                case IsActive active:
                    probe.Tell(Context.Timers.IsTimerActive(active.Key));
                    break;
                default:
                    probe.Tell(message);
                    break;
            }
        }
    }
}
