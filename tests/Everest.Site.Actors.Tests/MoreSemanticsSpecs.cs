using Everest.Site.Actors.TestKit;
using Xunit.Abstractions;

namespace Everest.Site.Actors.Tests;

public sealed class MoreSemanticsSpecs(ITestOutputHelper output) : ActorTestKit(output)
{
    [Fact]
    public async Task Ask_faults_with_InvalidCastException_when_the_reply_has_another_type()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");

        var failure = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<string>(42, DefaultTimeout));

        Assert.Contains("Int32", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watcher_that_does_not_handle_Terminated_dies_of_a_death_pact()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Echo()), "subject");
        var careless = Sys.ActorOf(Props.Create(() => new CarelessWatcher(subject)), "careless");
        await TestActor.WatchAsync(careless);
        Assert.Equal("watching", await careless.Ask<string>("ready?", DefaultTimeout));

        Sys.Stop(subject);

        await TestActor.ExpectTerminatedAsync(careless);
    }

    [Fact]
    public async Task Stashed_messages_survive_a_restart()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StashThenFail(TestActor)), "stasher");

        actor.Tell("kept 1");
        actor.Tell("kept 2");
        actor.Tell("fail");

        await ExpectMsgAsync("started");
        await ExpectMsgAsync("started");
        await ExpectMsgAsync("kept 1");
        await ExpectMsgAsync("kept 2");
    }

    [Fact]
    public async Task Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        var forwarder = Sys.ActorOf(Props.Create(() => new Forwarder(echo)), "forwarder");

        forwarder.Tell("via", TestActor);

        await ExpectMsgAsync("via");
        Assert.Equal(echo, TestActor.LastSender);
    }

    [Fact]
    public async Task Children_are_found_by_name_until_they_have_stopped()
    {
        var parent = Sys.ActorOf(Props.Create(() => new NamedChildren()), "parent");

        var child = await parent.Ask<IActorRef>(new Create("kid"), DefaultTimeout);
        Assert.Equal(child, await parent.Ask<IActorRef>(new Find("kid"), DefaultTimeout));
        Assert.Equal("stopped", await parent.Ask<string>(new StopChild("kid"), DefaultTimeout));

        Assert.Equal("none", await parent.Ask<object>(new Find("kid"), DefaultTimeout));
        var again = await parent.Ask<IActorRef>(new Create("kid"), DefaultTimeout);
        Assert.NotEqual(child, again);
    }

    private sealed record Create(string Name);

    private sealed record Find(string Name);

    private sealed record StopChild(string Name);

    private sealed class Echo : Actor
    {
        protected override void OnReceive(object message) => Sender.Tell(message);
    }

    private sealed class CarelessWatcher(IActorRef subject) : Actor
    {
        protected override void PreStart() => Context.Watch(subject);

        protected override void OnReceive(object message)
        {
            if (message is "ready?")
            {
                Sender.Tell("watching");
            }
            else
            {
                Unhandled(message);
            }
        }
    }

    private sealed class StashThenFail(IActorRef probe) : Actor
    {
        private bool _restarted;

        protected override void PreStart() => probe.Tell("started");

        protected override void PostRestart(Exception reason)
        {
            _restarted = true;
            base.PostRestart(reason);
        }

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "fail":
                    throw new InvalidOperationException("fail with a full stash");
                case string text when _restarted:
                    probe.Tell(text);
                    break;
                default:
                    Context.Stash.Stash();
                    break;
            }
        }
    }

    private sealed class Forwarder(IActorRef target) : Actor
    {
        protected override void OnReceive(object message) => target.Forward(message, Context);
    }

    private sealed class NamedChildren : Actor
    {
        private IActorRef? _stopRequester;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Create create:
                    Sender.Tell(Context.ActorOf(Props.Create(() => new Echo()), create.Name));
                    break;
                case Find find:
                    Sender.Tell((object?)Context.Child(find.Name) ?? "none");
                    break;
                case StopChild stop:
                    _stopRequester = Sender;
                    Context.Watch(Context.Child(stop.Name)!);
                    Context.Stop(Context.Child(stop.Name)!);
                    break;
                case Terminated:
                    _stopRequester?.Tell("stopped");
                    break;
            }
        }
    }
}
