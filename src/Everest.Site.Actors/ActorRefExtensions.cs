using Everest.Site.Actors.Internal;

namespace Everest.Site.Actors;

/// <summary>Request/reply and forwarding on top of <see cref="IActorRef.Tell"/>.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with the actor whose message is being processed on this thread as
    /// sender (so <c>Sender.Tell(reply)</c> inside an actor lets the receiver answer back), or without sender
    /// outside actors.
    /// </summary>
    public static void Tell(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.CurrentSelf);
    }

    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply target as sender and completes with the first
    /// reply. A <see cref="Status.Failure"/> reply faults the task with its cause; a reply of another type
    /// faults it with <see cref="InvalidCastException"/>; no reply within <paramref name="timeout"/> (on the
    /// system's <see cref="TimeProvider"/>) faults it with <see cref="AskTimeoutException"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var system = InternalActorRef.Resolve(target)?.System
            ?? throw new ArgumentException($"Cannot ask {target}: it is not an actor of an actor system.", nameof(target));
        var promise = new PromiseActorRef<T>(system, target, timeout);
        promise.Start(cancellationToken);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>Sends <paramref name="message"/> keeping the current sender (use inside an actor: <c>child.Forward(msg, Context)</c>).</summary>
    public static void Forward(this IActorRef target, object message, IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        target.Tell(message, context.Sender);
    }
}
