using Everest.Site.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors;

/// <summary>
/// Base class of all actors. An actor processes one message at a time in <see cref="OnReceive"/>, so its
/// fields need no locks. Instances are created only by the kernel, from <see cref="Props"/>.
/// </summary>
public abstract class Actor
{
    private readonly ActorCell _cell;

    protected Actor()
    {
        _cell = ActorCell.Constructing
            ?? throw new InvalidOperationException($"Actors are created with ActorOf(Props), not with 'new {GetType().Name}()'.");
    }

    /// <summary>This actor's context: its self reference, current sender, children, timers, stash and log.</summary>
    protected IActorContext Context => _cell;

    /// <summary>Shortcut for <c>Context.Self</c>.</summary>
    protected IActorRef Self => _cell;

    /// <summary>Shortcut for <c>Context.Sender</c>.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Shortcut for <c>Context.Log</c>.</summary>
    protected ILogger Log => _cell.Log;

    internal ActorCell Cell => _cell;

    /// <summary>
    /// Handles one message, typically with a <c>switch</c> over its type; call <see cref="Unhandled"/> for
    /// anything not understood. An exception is a failure handled by the parent's supervisor strategy.
    /// </summary>
    protected abstract void OnReceive(object message);

    /// <summary>
    /// Reports a message this actor does not understand: it is published as <see cref="UnhandledMessage"/>
    /// and counted as a dead letter. An unhandled <see cref="Terminated"/> throws <see cref="DeathPactException"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        _cell.System.PublishDeadLetter(new UnhandledMessage(message, _cell.CurrentSenderOrNull, _cell));
    }

    /// <summary>Runs after the instance is created, before it receives messages; also on restart through <see cref="PostRestart"/>.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs once the actor has stopped (after its children did). Exceptions are logged and ignored.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>
    /// Runs on the failed instance before it is replaced. By default stops all children and calls
    /// <see cref="PostStop"/>. <paramref name="message"/> is the message that failed (it is not retried).
    /// </summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the new instance after a restart. By default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    internal virtual void AroundReceive(object message, Action<object>? behavior)
    {
        if (behavior is null)
        {
            OnReceive(message);
        }
        else
        {
            behavior(message);
        }
    }

    internal void ReceiveDefault(object message) => OnReceive(message);

    internal void CallUnhandled(object message) => Unhandled(message);

    internal virtual void AroundPreStart() => PreStart();

    internal virtual void AroundPostStop() => PostStop();

    internal virtual void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);
}
