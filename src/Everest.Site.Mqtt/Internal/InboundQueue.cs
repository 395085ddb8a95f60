using System.Threading.Channels;

namespace Everest.Site.Mqtt.Internal;

/// <summary>
/// Received messages waiting for their handlers, in arrival order, with a bound on those that may be dropped.
/// Written by the client library's receiving task, read by one delivery loop.
/// </summary>
/// <remarks>
/// <para>Only droppable messages (QoS 0, not retained) count against the bound; when one more would exceed it, the
/// oldest droppable ones make room. Nothing else is ever dropped here: QoS 1 messages are bounded by the broker's
/// in-flight window (their acknowledgement waits for the handlers), and retained ones arrive once per subscription.</para>
/// <para>Two queues, one per kind, each in arrival order; a sequence number decides which head is older, so dropping
/// the oldest droppable message is O(1) and never reorders what is delivered. A bounded channel with
/// <see cref="BoundedChannelFullMode.DropOldest"/> cannot do this: it would drop QoS 1 messages too, and two channels
/// cannot be merged back into arrival order without a race. A channel still does the waiting (the doorbell).</para>
/// </remarks>
/// <typeparam name="T">What waits: a message with whatever its delivery needs.</typeparam>
internal sealed class InboundQueue<T>
{
    /// <summary>Guards every field below.</summary>
    private readonly Lock gate = new();

    private readonly Queue<Entry> kept = new();
    private readonly Queue<Entry> droppable = new();

    /// <summary>Rung (at most one item waits) whenever something was added; completed when the queue is closed.</summary>
    private readonly Channel<bool> doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly int maxDroppableMessages;
    private readonly long maxDroppableBytes;

    /// <summary>Sum of <see cref="Entry.Bytes"/> over <see cref="droppable"/>; at most the byte bound, or one message over an empty queue.</summary>
    private long droppableBytes;

    private long nextSequence;
    private bool closed;

    public InboundQueue(int maxDroppableMessages, long maxDroppableBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDroppableMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDroppableBytes, 1);
        this.maxDroppableMessages = maxDroppableMessages;
        this.maxDroppableBytes = maxDroppableBytes;
    }

    /// <summary>Messages waiting, of both kinds.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return kept.Count + droppable.Count;
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="item"/> after everything waiting. A droppable item first pushes out the oldest droppable
    /// ones until it fits (a single item larger than the byte bound still waits alone). Returns how many were pushed
    /// out; after <see cref="Close"/> the item is ignored.
    /// </summary>
    /// <param name="bytes">The memory the item holds (payload and topic), for the byte bound.</param>
    public int Add(T item, bool isDroppable, long bytes)
    {
        var dropped = 0;
        lock (gate)
        {
            if (closed)
            {
                return 0;
            }

            var entry = new Entry(nextSequence++, item, bytes);
            if (isDroppable)
            {
                while (droppable.Count > 0 && (droppable.Count >= maxDroppableMessages || droppableBytes + bytes > maxDroppableBytes))
                {
                    droppableBytes -= droppable.Dequeue().Bytes;
                    dropped++;
                }

                droppable.Enqueue(entry);
                droppableBytes += bytes;
            }
            else
            {
                kept.Enqueue(entry);
            }
        }

        doorbell.Writer.TryWrite(true);
        return dropped;
    }

    /// <summary>Takes the oldest waiting item; false when none waits.</summary>
    public bool TryTake(out T item)
    {
        lock (gate)
        {
            var fromKept = kept.TryPeek(out var oldestKept);
            var fromDroppable = droppable.TryPeek(out var oldestDroppable);
            if (fromKept && (!fromDroppable || oldestKept.Sequence < oldestDroppable.Sequence))
            {
                item = kept.Dequeue().Item;
                return true;
            }

            if (fromDroppable)
            {
                droppableBytes -= oldestDroppable.Bytes;
                item = droppable.Dequeue().Item;
                return true;
            }

            item = default!;
            return false;
        }
    }

    /// <summary>Waits until something may be waiting; false once the queue is closed.</summary>
    public async ValueTask<bool> WaitAsync()
    {
        if (!await doorbell.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            return false;
        }

        doorbell.Reader.TryRead(out _);
        return true;
    }

    /// <summary>Forgets everything waiting and ends <see cref="WaitAsync"/>; later items are refused.</summary>
    public void Close()
    {
        lock (gate)
        {
            closed = true;
            kept.Clear();
            droppable.Clear();
            droppableBytes = 0;
        }

        doorbell.Writer.TryComplete();
    }

    private readonly record struct Entry(long Sequence, T Item, long Bytes);
}
