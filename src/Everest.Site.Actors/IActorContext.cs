using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors;

/// <summary>
/// What an actor can see and do about itself; available as <c>Context</c> inside the actor and valid only
/// while it processes a message (never capture it in a task continuation).
/// </summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the current message; the dead letters reference when there is none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor; for a top-level actor the user guardian.</summary>
    IActorRef Parent { get; }

    ActorSystem System { get; }

    /// <summary>Keyed timers on the system's <see cref="TimeProvider"/>, cancelled when the actor stops or restarts.</summary>
    ITimerScheduler Timers { get; }

    /// <summary>Messages set aside for later (see <see cref="IStash"/>).</summary>
    IStash Stash { get; }

    /// <summary>A logger whose scope carries this actor's path.</summary>
    ILogger Log { get; }

    /// <summary>The live children (including ones that are stopping).</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>Creates a child supervised by this actor. Names must be unique among siblings; null picks one.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The child with that name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Stops a child or this actor itself (asynchronously: the current message still completes).</summary>
    void Stop(IActorRef actor);

    /// <summary>
    /// Delivers a <see cref="Terminated"/> message when <paramref name="subject"/> stops, at once if it has
    /// already stopped. Watching twice has no further effect.
    /// </summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching; a <see cref="Terminated"/> already queued may still arrive.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current message handler (the top of the behaviour stack).</summary>
    void Become(Action<object> handler);

    /// <summary>Pushes a handler on the behaviour stack; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Action<object> handler);

    /// <summary>Pops the behaviour stack; with one or none left the actor's own <c>OnReceive</c> handles messages again.</summary>
    void UnbecomeStacked();
}
