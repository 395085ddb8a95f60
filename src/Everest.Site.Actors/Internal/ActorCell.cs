using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors.Internal;

/// <summary>
/// One actor incarnation's kernel state: its mailbox, lifecycle, children, watches, timers and stash. It is
/// also the actor's reference and its <see cref="IActorContext"/>, which keeps an idle actor to a handful
/// of objects. Split by concern: <c>.Mailbox</c> (queues and the dispatch loop), <c>.Lifecycle</c> (create,
/// restart, stop, supervision), <c>.DeathWatch</c> and <c>.Children</c>.
/// Every field not marked otherwise is touched only by the mailbox run, which is never concurrent with itself.
/// </summary>
internal sealed partial class ActorCell : InternalActorRef, IActorContext
{
    [ThreadStatic]
    private static ActorCell? t_constructing;

    private readonly ActorSystem _system;

    /// <summary>Null only for the user guardian.</summary>
    private readonly ActorCell? _parent;

    private readonly ActorPath _path;

    private readonly Props _props;

    /// <summary>The current instance; null before creation, between restart steps and after stop.</summary>
    private Actor? _actor;

    /// <summary>The <c>Become</c> stack; null or empty means the actor's own handler.</summary>
    private List<Action<object>>? _behaviors;

    private object? _currentMessage;

    private IActorRef? _currentSender;

    private TimerScheduler? _timers;

    private StashBuffer? _stash;

    private ILogger? _log;

    public ActorCell(ActorSystem system, ActorCell? parent, ActorPath path, Props props)
    {
        _system = system;
        _parent = parent;
        _path = path;
        _props = props;
    }

    /// <summary>The actor processing a message on this thread, or null outside actors.</summary>
    internal static IActorRef? CurrentSelf => t_current;

    /// <summary>The cell whose actor instance is being constructed on this thread (read by the <see cref="Actor"/> constructor).</summary>
    internal static ActorCell? Constructing => t_constructing;

    public override ActorPath Path => _path;

    internal override ActorSystem System => _system;

    ActorSystem IActorContext.System => _system;

    public IActorRef Self => this;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    public IActorRef Parent => (IActorRef?)_parent ?? _system.DeadLetters;

    public ITimerScheduler Timers => _timers ??= new TimerScheduler(this);

    public IStash Stash => _stash ??= new StashBuffer(this, _props.StashCapacity ?? _system.StashCapacity);

    public ILogger Log => _log ??= new ActorLogger(_system.LoggerFactory.CreateLogger(_props.ActorType.FullName ?? _props.ActorType.Name), _path);

    /// <summary>The message being processed, or null outside a message.</summary>
    internal object? CurrentMessage => _currentMessage;

    internal IActorRef? CurrentSenderOrNull => _currentSender;

    internal Props Props => _props;

    internal Actor? ActorInstance => _actor;

    /// <summary>Set when the actor stopped because it failed (supervisor's Stop, or a persistence failure); read by backoff supervisors.</summary>
    internal bool StoppedByFailure { get; private set; }

    /// <summary>Lets the persistence layer run event handlers with the sender of the command that persisted them.</summary>
    internal void SetCurrentSender(IActorRef? sender) => _currentSender = sender;

    public void Become(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _behaviors ??= [];
        if (_behaviors.Count > 0)
        {
            _behaviors[^1] = handler;
        }
        else
        {
            _behaviors.Add(handler);
        }
    }

    public void BecomeStacked(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        (_behaviors ??= []).Add(handler);
    }

    public void UnbecomeStacked()
    {
        if (_behaviors is { Count: > 0 })
        {
            _behaviors.RemoveAt(_behaviors.Count - 1);
        }
    }

    public void Stop(IActorRef actor)
    {
        var target = Resolve(actor) ?? throw new ArgumentException($"Cannot stop {actor}: it is not an actor of this system.", nameof(actor));
        if (ReferenceEquals(target, this))
        {
            SendSystemMessage(new TerminateActor());
        }
        else if (target is ActorCell child && ReferenceEquals(child._parent, this))
        {
            StopChild(child);
        }
        else
        {
            target.SendSystemMessage(new TerminateActor());
        }
    }

    /// <summary>Stops this actor and marks the stop as a failure, so a backoff supervisor re-creates it.</summary>
    internal void StopAfterFailure()
    {
        StoppedByFailure = true;
        SendSystemMessage(new TerminateActor());
    }

    private Action<object>? CurrentBehavior => _behaviors is { Count: > 0 } behaviors ? behaviors[^1] : null;

    private Actor NewActorInstance()
    {
        var previous = t_constructing;
        t_constructing = this;
        try
        {
            return _props.NewActor();
        }
        finally
        {
            t_constructing = previous;
        }
    }
}
