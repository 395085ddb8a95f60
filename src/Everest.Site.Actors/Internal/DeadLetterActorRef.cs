namespace Everest.Site.Actors.Internal;

/// <summary>The system's dead letters: whatever is sent here is counted, logged (rate-limited) and published.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path { get; } = path;

    internal override ActorSystem System { get; } = system;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.PublishDeadLetter(message as DeadLetter ?? new DeadLetter(message, sender, this));
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
        // Watching dead letters is watching something that is already gone.
        if (message is WatchActor watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }
}
