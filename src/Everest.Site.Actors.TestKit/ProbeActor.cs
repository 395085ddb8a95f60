using System.Threading.Channels;

namespace Everest.Site.Actors.TestKit;

/// <summary>The actor behind a <see cref="TestProbe"/>: records every message with its sender, and watches on request.</summary>
internal sealed class ProbeActor(ChannelWriter<ReceivedMessage> received) : Actor
{
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ProbeWatch watch:
                Context.Watch(watch.Subject);
                watch.Done.TrySetResult();
                break;
            case ProbeUnwatch unwatch:
                Context.Unwatch(unwatch.Subject);
                unwatch.Done.TrySetResult();
                break;
            default:
                received.TryWrite(new ReceivedMessage(message, Context.Sender));
                break;
        }
    }
}

internal sealed record ReceivedMessage(object Message, IActorRef Sender);

internal sealed record ProbeWatch(IActorRef Subject, TaskCompletionSource Done);

internal sealed record ProbeUnwatch(IActorRef Subject, TaskCompletionSource Done);
