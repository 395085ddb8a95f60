using System.Threading.Channels;

namespace Everest.Site.Actors.TestKit;

/// <summary>
/// A scriptable actor for tests: pass it where an actor is expected (it is an <see cref="IActorRef"/>), then
/// assert on what it received. All waits use real time (messages travel on the thread pool) with the test
/// kit's default timeout unless one is given; virtual time only drives timers.
/// </summary>
public sealed class TestProbe : IActorRefProxy
{
    private readonly Channel<ReceivedMessage> _received = Channel.CreateUnbounded<ReceivedMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IActorRef _actor;
    private readonly TimeSpan _defaultTimeout;

    internal TestProbe(ActorSystem system, string name, TimeSpan defaultTimeout)
    {
        _defaultTimeout = defaultTimeout;
        _actor = system.ActorOf(Props.Create(() => new ProbeActor(_received.Writer)), name);
    }

    public IActorRef Target => _actor;

    public ActorPath Path => _actor.Path;

    public string Name => _actor.Name;

    /// <summary>The sender of the last message taken by an expectation; dead letters when there is none yet.</summary>
    public IActorRef? LastSender { get; private set; }

    /// <summary>The last message taken by an expectation.</summary>
    public object? LastMessage { get; private set; }

    public void Tell(object message, IActorRef? sender) => _actor.Tell(message, sender);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with this probe as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, this);
    }

    /// <summary>Answers the sender of the last received message, with this probe as sender.</summary>
    public void Reply(object message)
    {
        var sender = LastSender ?? throw new InvalidOperationException("Nothing received yet: there is no sender to reply to.");
        sender.Tell(message, this);
    }

    /// <summary>Passes the last received message on to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(LastMessage ?? throw new InvalidOperationException("Nothing received yet."), LastSender);
    }

    /// <summary>Waits for the next message, which must be a <typeparamref name="T"/> matching <paramref name="predicate"/>; returns it.</summary>
    public async Task<T> ExpectMsgAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var received = await ReceiveOneAsync(timeout ?? _defaultTimeout).ConfigureAwait(false)
            ?? throw new TestKitAssertionException($"{Name}: expected a {typeof(T).Name} within {timeout ?? _defaultTimeout} but received nothing.");
        if (received.Message is not T typed)
        {
            throw new TestKitAssertionException($"{Name}: expected a {typeof(T).Name} but received {Describe(received.Message)}.");
        }

        if (predicate is not null && !predicate(typed))
        {
            throw new TestKitAssertionException($"{Name}: received {Describe(typed)}, which does not match the expectation.");
        }

        return typed;
    }

    /// <summary>Waits for the next message, which must equal <paramref name="expected"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null)
        where T : notnull
    {
        var received = await ReceiveOneAsync(timeout ?? _defaultTimeout).ConfigureAwait(false)
            ?? throw new TestKitAssertionException($"{Name}: expected {Describe(expected)} within {timeout ?? _defaultTimeout} but received nothing.");
        if (received.Message is not T typed || !EqualityComparer<T>.Default.Equals(typed, expected))
        {
            throw new TestKitAssertionException($"{Name}: expected {Describe(expected)} but received {Describe(received.Message)}.");
        }

        return typed;
    }

    /// <summary>Fails if any message arrives within <paramref name="duration"/> (real time).</summary>
    public async Task ExpectNoMsgAsync(TimeSpan? duration = null)
    {
        var received = await ReceiveOneAsync(duration ?? TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
        if (received is not null)
        {
            throw new TestKitAssertionException($"{Name}: expected no message but received {Describe(received.Message)}.");
        }
    }

    /// <summary>Skips messages until one is a <typeparamref name="T"/> matching <paramref name="isTarget"/>; returns it.</summary>
    public async Task<T> FishForMessageAsync<T>(Func<T, bool> isTarget, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isTarget);
        var limit = timeout ?? _defaultTimeout;
        var deadline = DateTimeOffset.UtcNow + limit;
        var skipped = new List<string>();
        while (true)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            var received = left > TimeSpan.Zero ? await ReceiveOneAsync(left).ConfigureAwait(false) : null;
            if (received is null)
            {
                throw new TestKitAssertionException($"{Name}: no matching {typeof(T).Name} within {limit}; skipped: [{string.Join(", ", skipped)}].");
            }

            if (received.Message is T typed && isTarget(typed))
            {
                return typed;
            }

            skipped.Add(Describe(received.Message));
        }
    }

    /// <summary>
    /// Takes messages while they are <typeparamref name="T"/> matching <paramref name="predicate"/>, until
    /// <paramref name="maxMessages"/> were taken, none arrives for <paramref name="idle"/>, or <paramref name="max"/>
    /// has passed. The first message that does not match ends the run and is left for the next expectation.
    /// </summary>
    public async Task<IReadOnlyList<T>> ReceiveWhileAsync<T>(Func<T, bool>? predicate = null, TimeSpan? max = null, TimeSpan? idle = null, int maxMessages = int.MaxValue)
    {
        var deadline = DateTimeOffset.UtcNow + (max ?? _defaultTimeout);
        var idleLimit = idle ?? TimeSpan.FromMilliseconds(200);
        var result = new List<T>();
        while (result.Count < maxMessages)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            var peeked = await PeekAsync(left < idleLimit ? left : idleLimit).ConfigureAwait(false);
            if (peeked is null || peeked.Message is not T typed || (predicate is not null && !predicate(typed)))
            {
                break;
            }

            _received.Reader.TryRead(out _);
            Remember(peeked);
            result.Add(typed);
        }

        return result;
    }

    /// <summary>Waits for <paramref name="count"/> messages of type <typeparamref name="T"/> and returns them in order.</summary>
    public async Task<IReadOnlyList<T>> ExpectMsgsAsync<T>(int count, TimeSpan? timeout = null)
    {
        var result = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(await ExpectMsgAsync<T>(timeout: timeout).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>Watches <paramref name="subject"/>: a <see cref="Terminated"/> arrives at this probe when it stops.</summary>
    public async Task WatchAsync(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _actor.Tell(new ProbeWatch(subject, done));
        await done.Task.WaitAsync(_defaultTimeout).ConfigureAwait(false);
    }

    public async Task UnwatchAsync(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _actor.Tell(new ProbeUnwatch(subject, done));
        await done.Task.WaitAsync(_defaultTimeout).ConfigureAwait(false);
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="subject"/> (watch it first with <see cref="WatchAsync"/>).</summary>
    public Task<Terminated> ExpectTerminatedAsync(IActorRef subject, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(subject), timeout);
    }

    public bool Equals(IActorRef? other) => other is not null && Path.Equals(other.Path);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => $"TestProbe[{Path}]";

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name} {message}";

    private async Task<ReceivedMessage?> ReceiveOneAsync(TimeSpan timeout)
    {
        var received = await PeekAsync(timeout).ConfigureAwait(false);
        if (received is not null)
        {
            _received.Reader.TryRead(out _);
            Remember(received);
        }

        return received;
    }

    private async Task<ReceivedMessage?> PeekAsync(TimeSpan timeout)
    {
        if (_received.Reader.TryPeek(out var ready))
        {
            return ready;
        }

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (await _received.Reader.WaitToReadAsync(cancellation.Token).ConfigureAwait(false))
            {
                if (_received.Reader.TryPeek(out var message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }

        return null;
    }

    private void Remember(ReceivedMessage received)
    {
        LastMessage = received.Message;
        LastSender = received.Sender;
    }
}
