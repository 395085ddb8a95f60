namespace Everest.Site.Actors;

/// <summary>
/// Delivered to a watcher (see <see cref="IActorContext.Watch"/>) once the watched actor has stopped.
/// An actor that watches but does not handle it fails with <see cref="DeathPactException"/>, as in Akka.
/// </summary>
public sealed record Terminated(IActorRef ActorRef);
