namespace Everest.Site.Actors.Internal;

/// <summary>
/// Kernel-to-kernel messages (lifecycle, supervision, death watch). They have their own queue in the
/// mailbox and are always processed before user messages. Each instance is sent once: <see cref="Next"/>
/// links it into exactly one queue.
/// </summary>
internal abstract class SystemMessage
{
    /// <summary>The next message in the system queue it sits in.</summary>
    internal SystemMessage? Next { get; set; }
}

/// <summary>Create the first instance and run <c>PreStart</c>.</summary>
internal sealed class CreateActor : SystemMessage;

/// <summary>Replace the failed instance (from the parent's <see cref="Directive.Restart"/>).</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Continue with the same instance after a failure (from <see cref="Directive.Resume"/>).</summary>
internal sealed class ResumeActor : SystemMessage;

/// <summary>Stop: children first, then <c>PostStop</c>, then tell watchers and the parent.</summary>
internal sealed class TerminateActor : SystemMessage;

/// <summary>To <see cref="Watchee"/>: <see cref="Watcher"/> wants a notification when it stops.</summary>
internal sealed class WatchActor(InternalActorRef watchee, ActorCell watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;

    public ActorCell Watcher { get; } = watcher;
}

/// <summary>To <see cref="Watchee"/>: forget <see cref="Watcher"/>.</summary>
internal sealed class UnwatchActor(InternalActorRef watchee, ActorCell watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;

    public ActorCell Watcher { get; } = watcher;
}

/// <summary>To a watcher or the parent: <see cref="Actor"/> has stopped.</summary>
internal sealed class DeathWatchNotification(InternalActorRef actor) : SystemMessage
{
    public InternalActorRef Actor { get; } = actor;
}

/// <summary>To the parent: <see cref="Child"/> threw <see cref="Cause"/> and is suspended until a directive arrives.</summary>
internal sealed class ChildFailed(ActorCell child, Exception cause) : SystemMessage
{
    public ActorCell Child { get; } = child;

    public Exception Cause { get; } = cause;
}
