using Everest.Site.Mqtt.Internal;

namespace Everest.Site.Mqtt.Tests.Internal;

/// <summary>The bounds of the inbound queue, on its own: what is dropped, what never is, and in which order the rest leaves.</summary>
public sealed class InboundQueueTests
{
    [Fact]
    public void Beyond_the_message_bound_the_oldest_droppable_items_make_room_and_are_counted()
    {
        var queue = new InboundQueue<int>(maxDroppableMessages: 3, maxDroppableBytes: 1_000);

        var dropped = Enumerable.Range(1, 5).Sum(i => queue.Add(i, isDroppable: true, bytes: 10));

        Assert.Equal(2, dropped);
        Assert.Equal([3, 4, 5], TakeAll(queue));
    }

    [Fact]
    public void Beyond_the_byte_bound_the_oldest_droppable_items_make_room_and_one_larger_than_the_bound_waits_alone()
    {
        var queue = new InboundQueue<int>(maxDroppableMessages: 100, maxDroppableBytes: 100);
        queue.Add(1, isDroppable: true, bytes: 40);
        queue.Add(2, isDroppable: true, bytes: 40);

        Assert.Equal(1, queue.Add(3, isDroppable: true, bytes: 40));
        Assert.Equal(2, queue.Add(4, isDroppable: true, bytes: 500));
        Assert.Equal(1, queue.Add(5, isDroppable: true, bytes: 10));
        Assert.Equal([5], TakeAll(queue));
    }

    [Fact]
    public void Items_that_are_not_droppable_are_never_dropped_and_everything_leaves_in_the_order_it_came()
    {
        var queue = new InboundQueue<int>(maxDroppableMessages: 2, maxDroppableBytes: 1_000);
        var dropped = 0;
        for (var i = 1; i <= 12; i++)
        {
            dropped += queue.Add(i, isDroppable: i % 4 != 0, bytes: 10);
        }

        Assert.Equal(7, dropped);
        Assert.Equal(5, queue.Count);
        Assert.Equal([4, 8, 10, 11, 12], TakeAll(queue));
    }

    [Fact]
    public void Items_taken_free_their_room_for_later_ones()
    {
        var queue = new InboundQueue<int>(maxDroppableMessages: 2, maxDroppableBytes: 20);
        queue.Add(1, isDroppable: true, bytes: 10);
        queue.Add(2, isDroppable: true, bytes: 10);
        Assert.True(queue.TryTake(out var first));
        Assert.Equal(1, first);

        Assert.Equal(0, queue.Add(3, isDroppable: true, bytes: 10));
        Assert.Equal([2, 3], TakeAll(queue));
    }

    [Fact]
    public async Task Closing_forgets_what_waits_ends_the_wait_and_ignores_later_items()
    {
        var queue = new InboundQueue<int>(maxDroppableMessages: 10, maxDroppableBytes: 1_000);
        queue.Add(1, isDroppable: false, bytes: 10);
        Assert.True(await queue.WaitAsync());

        queue.Close();

        Assert.Equal(0, queue.Add(2, isDroppable: true, bytes: 10));
        Assert.False(queue.TryTake(out _));
        Assert.False(await queue.WaitAsync());
    }

    private static List<int> TakeAll(InboundQueue<int> queue)
    {
        var taken = new List<int>();
        while (queue.TryTake(out var item))
        {
            taken.Add(item);
        }

        return taken;
    }
}
