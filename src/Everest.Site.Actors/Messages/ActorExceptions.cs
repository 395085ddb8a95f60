namespace Everest.Site.Actors;

/// <summary>The name given to <c>ActorOf</c> is invalid or already taken by a sibling.</summary>
public sealed class InvalidActorNameException(string message) : Exception(message);

/// <summary>
/// The actor's constructor or <c>PreStart</c> threw. The default supervisor strategy stops such an actor
/// instead of restarting it, because a new instance would most likely fail the same way.
/// </summary>
public sealed class ActorInitializationException(ActorPath path, Exception innerException)
    : Exception($"Actor {path} failed to start: {innerException.Message}", innerException)
{
    public ActorPath Path { get; } = path;
}

/// <summary>An actor received a <see cref="Terminated"/> for an actor it watches and did not handle it.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Watched actor {deadActor.Path} terminated and the watcher did not handle the Terminated message.")
{
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>Stashing a message would exceed the stash capacity (see <see cref="Props.WithStashCapacity"/>).</summary>
public sealed class StashOverflowException(ActorPath path, int capacity)
    : Exception($"The stash of {path} is full ({capacity} messages); the message was not stashed.")
{
    public int Capacity { get; } = capacity;
}

/// <summary>An <c>Ask</c> got no reply within its timeout (measured on the actor system's <see cref="TimeProvider"/>).</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
