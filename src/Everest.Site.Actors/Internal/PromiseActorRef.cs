namespace Everest.Site.Actors.Internal;

/// <summary>
/// The temporary reply target of one <c>Ask</c>: the first message sent to it completes the task; later
/// ones go to dead letters. The timeout runs on the system's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class PromiseActorRef<T> : InternalActorRef
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _targetDescription;
    private readonly TimeSpan _timeout;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;

    public PromiseActorRef(ActorSystem system, IActorRef target, TimeSpan timeout)
    {
        System = system;
        Path = system.NewTempPath();
        _targetDescription = target.Path.ToString();
        _timeout = timeout;
    }

    public override ActorPath Path { get; }

    internal override ActorSystem System { get; }

    public Task<T> Task => _completion.Task;

    public void Start(CancellationToken cancellationToken)
    {
        _timer = System.TimeProvider.CreateTimer(static state => ((PromiseActorRef<T>)state!).OnTimeout(), this, _timeout, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(static (state, token) => ((PromiseActorRef<T>)state!).OnCancelled(token), this);
        }
    }

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completed = message switch
        {
            Status.Failure failure => _completion.TrySetException(failure.Cause),
            T reply => _completion.TrySetResult(reply),
            _ => _completion.TrySetException(new InvalidCastException(
                $"Ask to {_targetDescription} expected a reply of type {typeof(T).Name} but got {message.GetType().Name}.")),
        };
        if (completed)
        {
            Release();
        }
        else
        {
            System.PublishDeadLetter(new DeadLetter(message, sender, this));
        }
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
        // A promise is not supervised and cannot be watched; nothing to do.
    }

    private void OnTimeout()
    {
        if (_completion.TrySetException(new AskTimeoutException($"Ask to {_targetDescription} timed out after {_timeout}.")))
        {
            Release();
        }
    }

    private void OnCancelled(CancellationToken token)
    {
        if (_completion.TrySetCanceled(token))
        {
            Release();
        }
    }

    private void Release()
    {
        _timer?.Dispose();
        _cancellation.Dispose();
    }
}
