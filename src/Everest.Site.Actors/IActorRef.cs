namespace Everest.Site.Actors;

/// <summary>
/// The only way to talk to an actor: an address that accepts messages. Two references are equal when
/// they point at the same actor incarnation (same <see cref="ActorPath"/>, including its uid).
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>Where the actor lives, e.g. <c>everest://site/user/evse-1</c>, plus the incarnation's uid.</summary>
    ActorPath Path { get; }

    /// <summary>The last element of <see cref="Path"/>.</summary>
    string Name { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> and returns at once (fire-and-forget). A message to an actor
    /// that has stopped goes to dead letters. <paramref name="sender"/> is what the receiver sees as <c>Sender</c>;
    /// <see cref="ActorRefs.NoSender"/> for none. The one-argument <c>Tell(message)</c> extension sends with the
    /// current actor as sender when called inside an actor (as in Akka.NET).
    /// </summary>
    void Tell(object message, IActorRef? sender);
}
