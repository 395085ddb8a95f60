namespace Everest.Site.Actors.Internal;

/// <summary>
/// The mailbox: a growable ring buffer of user envelopes and an intrusive FIFO of system messages, both under
/// the cell's monitor (uncontended in the common case, and no allocation per message). The cell is its own
/// <see cref="IThreadPoolWorkItem"/>: a sender that enqueues work into an idle mailbox sets <see cref="_scheduled"/>
/// (under the same lock) and, only then, queues the cell on the thread pool. The run drains system messages, then
/// at most <c>throughput</c> user messages (system messages again after each, user messages taken in batches),
/// and under the lock either clears the flag or, if work arrived meanwhile, re-queues itself. The flag
/// guarantees one run at a time, hence one message at a time per actor.
/// </summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    /// <summary>Below this many free slots after draining, a large buffer is released (an idle actor stays small).</summary>
    private const int ShrinkAboveLength = 64;

    /// <summary>User envelopes; length is a power of two. Guarded by the cell's monitor. Null while empty and small.</summary>
    private Envelope[]? _queue;

    /// <summary>Index of the oldest envelope in <see cref="_queue"/>. Guarded by the cell's monitor.</summary>
    private int _head;

    /// <summary>Number of queued envelopes. Guarded by the cell's monitor.</summary>
    private int _count;

    /// <summary>Oldest and newest pending system message. Guarded by the cell's monitor.</summary>
    private SystemMessage? _systemHead;

    private SystemMessage? _systemTail;

    /// <summary>A cheap "is there any system message" check between user messages. Written under the monitor.</summary>
    private volatile bool _hasSystemMessages;

    /// <summary>Once true (under the monitor) nothing is enqueued any more: user messages go to dead letters.</summary>
    private bool _closed;

    /// <summary>True while the cell is queued on or running on the thread pool. Guarded by the cell's monitor.</summary>
    private bool _scheduled;

    /// <summary>The cell whose run executes on this thread: the implicit sender of <c>Tell(message)</c>.</summary>
    [ThreadStatic]
    private static ActorCell? t_current;

    /// <summary>The batch buffer of the run executing on this thread (runs never nest on one thread).</summary>
    [ThreadStatic]
    private static DispatchBatch? t_batch;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        bool accepted;
        bool schedule;
        lock (this)
        {
            accepted = !_closed;
            if (accepted)
            {
                EnqueueLastLocked(new Envelope(message, sender));
            }

            schedule = accepted && ClaimScheduleLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
        else if (!accepted)
        {
            ToDeadLetters(message, sender);
        }
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
        bool accepted;
        bool schedule;
        lock (this)
        {
            accepted = !_closed;
            if (accepted)
            {
                if (_systemTail is null)
                {
                    _systemHead = message;
                }
                else
                {
                    _systemTail.Next = message;
                }

                _systemTail = message;
                _hasSystemMessages = true;
            }

            schedule = accepted && ClaimScheduleLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
        else if (!accepted)
        {
            HandleSystemMessageWhenClosed(message);
        }
    }

    public void Execute()
    {
        var batch = t_batch ??= new DispatchBatch();
        var previous = t_current;
        t_current = this;
        try
        {
            ProcessSystemMessages();
            var budget = _system.Throughput;
            while (budget > 0 && _state == LifecycleState.Running)
            {
                // One lock acquisition per batch instead of per message; see DispatchBatch for how the rest is put back.
                if (!batch.Fill(this, Math.Min(budget, DispatchBatch.Capacity)))
                {
                    break;
                }

                while (batch.TryTake(out var envelope))
                {
                    budget--;
                    Invoke(envelope);
                    if (_hasSystemMessages)
                    {
                        ProcessSystemMessages();
                    }

                    if (_state != LifecycleState.Running)
                    {
                        break;
                    }
                }

                batch.ReturnUnprocessed();
            }
        }
        finally
        {
            t_current = previous;
            batch.ReturnUnprocessed();
            bool again;
            lock (this)
            {
                // Decided under the lock that every sender takes, so no wake-up can be lost in between.
                again = _systemHead is not null || (_state == LifecycleState.Running && _count > 0);
                _scheduled = again;
            }

            if (again)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
            }
        }
    }

    /// <summary>Puts envelopes back at the front of the mailbox, keeping their order (unstash).</summary>
    internal void PrependToMailbox(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0)
        {
            return;
        }

        // Messages already taken into this run's batch are older than nothing the caller prepends:
        // give them back first, so that the prepended ones end up in front of them.
        t_batch?.ReturnUnprocessedOf(this);
        var closed = false;
        var schedule = false;
        lock (this)
        {
            if (_closed)
            {
                closed = true;
            }
            else
            {
                for (var i = envelopes.Count - 1; i >= 0; i--)
                {
                    EnqueueFirstLocked(envelopes[i]);
                }

                schedule = ClaimScheduleLocked();
            }
        }

        if (closed)
        {
            foreach (var envelope in envelopes)
            {
                ToDeadLetters(envelope.Message, envelope.Sender);
            }
        }
        else if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    /// <summary>True when the caller must queue the cell: it was idle and is now marked as scheduled.</summary>
    private bool ClaimScheduleLocked()
    {
        if (_scheduled)
        {
            return false;
        }

        _scheduled = true;
        return true;
    }

    private void ToDeadLetters(object message, IActorRef? sender)
    {
        if (message is TimerFired)
        {
            // A timer of a stopped actor: not a message anybody sent.
            return;
        }

        _system.PublishDeadLetter(message as DeadLetter ?? new DeadLetter(message, sender, this));
    }

    private void ProcessSystemMessages()
    {
        while (true)
        {
            SystemMessage? batch;
            lock (this)
            {
                batch = _systemHead;
                _systemHead = null;
                _systemTail = null;
                _hasSystemMessages = false;
            }

            if (batch is null)
            {
                return;
            }

            while (batch is not null)
            {
                var next = batch.Next;
                batch.Next = null;
                if (_state == LifecycleState.Terminated)
                {
                    HandleSystemMessageWhenClosed(batch);
                }
                else
                {
                    ProcessSystemMessage(batch);
                }

                batch = next;
            }
        }
    }

    /// <summary>Moves up to <paramref name="max"/> envelopes, oldest first, into <paramref name="target"/>; returns how many.</summary>
    private int DequeueBatch(Envelope[] target, int max)
    {
        lock (this)
        {
            if (_count == 0)
            {
                if (_queue is { Length: > ShrinkAboveLength })
                {
                    _queue = null;
                    _head = 0;
                }

                return 0;
            }

            var queue = _queue!;
            var mask = queue.Length - 1;
            var taken = Math.Min(max, _count);
            for (var i = 0; i < taken; i++)
            {
                target[i] = queue[_head];
                queue[_head] = default;
                _head = (_head + 1) & mask;
            }

            _count -= taken;
            return taken;
        }
    }

    private void EnqueueLastLocked(in Envelope envelope)
    {
        var queue = EnsureCapacityLocked();
        queue[(_head + _count) & (queue.Length - 1)] = envelope;
        _count++;
    }

    private void EnqueueFirstLocked(in Envelope envelope)
    {
        var queue = EnsureCapacityLocked();
        _head = (_head - 1) & (queue.Length - 1);
        queue[_head] = envelope;
        _count++;
    }

    private Envelope[] EnsureCapacityLocked()
    {
        if (_queue is null)
        {
            _head = 0;
            return _queue = new Envelope[4];
        }

        if (_count < _queue.Length)
        {
            return _queue;
        }

        var grown = new Envelope[_queue.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _queue[(_head + i) & (_queue.Length - 1)];
        }

        _queue = grown;
        _head = 0;
        return grown;
    }

    /// <summary>Closes the mailbox and returns what was still in it (called once, when the actor has stopped).</summary>
    private (List<Envelope> UserMessages, SystemMessage? SystemMessages) CloseMailbox()
    {
        var leftovers = new List<Envelope>();
        SystemMessage? systemMessages;
        lock (this)
        {
            _closed = true;
            for (var i = 0; i < _count; i++)
            {
                leftovers.Add(_queue![(_head + i) & (_queue.Length - 1)]);
            }

            _queue = null;
            _count = 0;
            _head = 0;
            systemMessages = _systemHead;
            _systemHead = null;
            _systemTail = null;
            _hasSystemMessages = false;
        }

        return (leftovers, systemMessages);
    }

    /// <summary>
    /// User envelopes taken out of one mailbox in a single lock acquisition and processed one by one. Whenever
    /// the run must stop early (failure, stop, budget) or something is prepended to the mailbox (unstash), the
    /// envelopes not yet processed go back to the front of the mailbox, in order, so the batch never changes
    /// the order an actor sees. One instance per thread.
    /// </summary>
    private sealed class DispatchBatch
    {
        public const int Capacity = 64;

        private readonly Envelope[] _items = new Envelope[Capacity];
        private ActorCell? _owner;
        private int _index;
        private int _count;

        public bool Fill(ActorCell owner, int max)
        {
            _owner = owner;
            _index = 0;
            _count = owner.DequeueBatch(_items, max);
            return _count > 0;
        }

        public bool TryTake(out Envelope envelope)
        {
            if (_index >= _count)
            {
                envelope = default;
                return false;
            }

            envelope = _items[_index];
            _items[_index++] = default;
            return true;
        }

        public void ReturnUnprocessedOf(ActorCell owner)
        {
            if (ReferenceEquals(_owner, owner))
            {
                ReturnUnprocessed();
            }
        }

        public void ReturnUnprocessed()
        {
            var owner = _owner;
            if (owner is null)
            {
                return;
            }

            var remaining = _count - _index;
            _owner = null;
            if (remaining > 0)
            {
                var envelopes = new Envelope[remaining];
                Array.Copy(_items, _index, envelopes, 0, remaining);
                Array.Clear(_items, _index, remaining);
                _index = _count = 0;
                owner.PrependToMailbox(envelopes);
            }

            _index = _count = 0;
        }
    }

    private void Invoke(in Envelope envelope)
    {
        var message = envelope.Message;
        _currentSender = envelope.Sender;
        try
        {
            if (message is TimerFired fired)
            {
                if (_timers is null || !_timers.TryAccept(fired))
                {
                    return;
                }

                message = fired.Message;
            }

            _currentMessage = message;
            if (message is PoisonPill)
            {
                SendSystemMessage(new TerminateActor());
                return;
            }

            _actor!.AroundReceive(message, CurrentBehavior);
        }
        catch (Exception exception)
        {
            HandleFailure(exception, message);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }
}
