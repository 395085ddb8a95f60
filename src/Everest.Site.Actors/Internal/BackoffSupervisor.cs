namespace Everest.Site.Actors.Internal;

/// <summary>The settings given to <see cref="Props.WithBackoff"/>.</summary>
internal sealed record BackoffOptions(TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor);

/// <summary>
/// Parent of one child that it re-creates, after a growing delay, whenever the child stops because of a
/// failure. See <see cref="Props.WithBackoff"/> for the behaviour users rely on.
/// </summary>
internal sealed class BackoffSupervisor(Props childProps, BackoffOptions options) : Actor
{
    /// <summary>Any exception of the child stops it (marked as a failure), which leads to a delayed re-creation.</summary>
    public static readonly SupervisorStrategy ChildStrategy = new(_ => Directive.Stop);

    private static readonly object RecreateTimerKey = new();

    private IActorRef? _child;
    private int _consecutiveFailures;
    private DateTimeOffset _childStartedAt;

    protected override void PreStart() => StartChild();

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Terminated terminated when _child is not null && terminated.ActorRef.Equals(_child):
                OnChildStopped(terminated.ActorRef);
                break;
            case RecreateChild:
                StartChild();
                break;
            default:
                if (_child is not null)
                {
                    _child.Tell(message, Context.Sender);
                }
                else
                {
                    Context.System.PublishDeadLetter(new DeadLetter(message, Context.Sender, Self));
                }

                break;
        }
    }

    private void StartChild()
    {
        _childStartedAt = Context.System.TimeProvider.GetUtcNow();
        _child = Context.ActorOf(childProps, Self.Name);
        Context.Watch(_child);
    }

    private void OnChildStopped(IActorRef child)
    {
        _child = null;
        var failed = InternalActorRef.Resolve(child) is ActorCell { StoppedByFailure: true };
        if (!failed)
        {
            Context.Stop(Self);
            return;
        }

        if (Context.System.TimeProvider.GetUtcNow() - _childStartedAt >= options.MaxBackoff)
        {
            _consecutiveFailures = 0;
        }

        var delay = NextDelay(_consecutiveFailures++);
        Log.LogBackoff(child.Path, delay);
        Context.Timers.StartSingleTimer(RecreateTimerKey, RecreateChild.Instance, delay);
    }

    private TimeSpan NextDelay(int failures)
    {
        var exponential = options.MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);
        var jitter = options.RandomFactor == 0 ? 1 : 1 + (Random.Shared.NextDouble() * options.RandomFactor);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    private sealed class RecreateChild
    {
        public static readonly RecreateChild Instance = new();
    }
}
