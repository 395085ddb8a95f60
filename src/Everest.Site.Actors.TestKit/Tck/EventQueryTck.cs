using Everest.Site.Actors.Persistence;
using Xunit;
using static Everest.Site.Actors.TestKit.Tck.TckEvents;

namespace Everest.Site.Actors.TestKit.Tck;

/// <summary>
/// The conformance suite every <see cref="IEventQuery"/> must pass, written through the
/// <see cref="IJournal"/> of the same store. Tags are unique per test, so a store may be shared.
/// </summary>
public abstract class EventQueryTck : PersistenceTck
{
    [Fact]
    public async Task Current_events_by_persistence_id_honour_the_sequence_range()
    {
        var id = UniqueId("query");
        var write = Write(id, 1, 6, "tck-range");
        await Journal.WriteAsync(write);

        var all = await ToListAsync(Query.CurrentEventsByPersistenceIdAsync(id));
        var middle = await ToListAsync(Query.CurrentEventsByPersistenceIdAsync(id, 2, 4));

        Assert.Equal(6, all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            AssertSame(write.Events[i], all[i]);
        }

        AssertStrictlyIncreasingOffsets(all);
        Assert.Equal(new long[] { 2, 3, 4 }, middle.Select(e => e.SequenceNr));
        Assert.Empty(await ToListAsync(Query.CurrentEventsByPersistenceIdAsync(UniqueId("nobody"))));
    }

    [Fact]
    public async Task Current_events_by_tag_come_in_offset_order_and_resume_after_an_offset()
    {
        var tag = UniqueId("tag");
        var other = UniqueId("tag");
        var a = UniqueId("a");
        var b = UniqueId("b");
        await Journal.WriteAsync(Write(a, 1, 2, tag));
        await Journal.WriteAsync(Write(b, 1, 1, other));
        await Journal.WriteAsync(Write(b, 2, 3, tag, other));
        await Journal.WriteAsync(Write(a, 3, 3, tag));

        var tagged = await ToListAsync(Query.CurrentEventsByTagAsync(tag));

        Assert.Equal(
            new[] { (a, 1L), (a, 2L), (b, 2L), (b, 3L), (a, 3L) },
            tagged.Select(e => (e.PersistenceId, e.SequenceNr)));
        AssertStrictlyIncreasingOffsets(tagged);
        AssertSame(Event(b, 2, tag, other), tagged[2]);

        var resumed = await ToListAsync(Query.CurrentEventsByTagAsync(tag, tagged[2].Offset));
        Assert.Equal(tagged.Skip(3).Select(e => e.Offset), resumed.Select(e => e.Offset));
        Assert.Empty(await ToListAsync(Query.CurrentEventsByTagAsync(tag, tagged[^1].Offset)));
        Assert.Equal(3, (await ToListAsync(Query.CurrentEventsByTagAsync(other))).Count);
    }

    [Fact]
    public async Task Offsets_follow_the_global_write_order_across_tags()
    {
        var first = UniqueId("tag");
        var second = UniqueId("tag");
        var id = UniqueId("order");
        await Journal.WriteAsync(Write(id, 1, 1, first));
        await Journal.WriteAsync(Write(id, 2, 2, second));
        await Journal.WriteAsync(Write(id, 3, 3, first));

        var firstStream = await ToListAsync(Query.CurrentEventsByTagAsync(first));
        var secondStream = await ToListAsync(Query.CurrentEventsByTagAsync(second));

        Assert.True(firstStream[0].Offset < secondStream[0].Offset);
        Assert.True(secondStream[0].Offset < firstStream[1].Offset);
    }

    [Fact]
    public async Task Deleted_events_leave_the_tag_stream()
    {
        var tag = UniqueId("tag");
        var id = UniqueId("deleted");
        await Journal.WriteAsync(Write(id, 1, 4, tag));

        await Journal.DeleteToAsync(id, 2);

        Assert.Equal(new long[] { 3, 4 }, (await ToListAsync(Query.CurrentEventsByTagAsync(tag))).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Live_events_by_tag_deliver_stored_events_then_pick_up_later_writes()
    {
        var tag = UniqueId("live");
        var id = UniqueId("live");
        await Journal.WriteAsync(Write(id, 1, 2, tag));

        var live = TakeAsync(Query.EventsByTagAsync(tag), 5, $"events tagged {tag}");
        await Journal.WriteAsync(Write(id, 3, 3, tag));
        await Journal.WriteAsync(Write(UniqueId("untagged"), 1, 1));
        await Journal.WriteAsync(Write(id, 4, 5, tag));

        var received = await live;
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, received.Select(e => e.SequenceNr));
        AssertStrictlyIncreasingOffsets(received);
    }

    [Fact]
    public async Task Live_events_by_tag_start_after_the_given_offset()
    {
        var tag = UniqueId("live");
        var id = UniqueId("live");
        await Journal.WriteAsync(Write(id, 1, 3, tag));
        var stored = await ToListAsync(Query.CurrentEventsByTagAsync(tag));

        var live = TakeAsync(Query.EventsByTagAsync(tag, stored[1].Offset), 2, $"events tagged {tag}");
        await Journal.WriteAsync(Write(id, 4, 4, tag));

        Assert.Equal(new long[] { 3, 4 }, (await live).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task A_live_reader_sees_every_event_of_concurrent_writers_once_without_gaps()
    {
        const int Writers = 20;
        const int EventsPerWriter = 30;
        var tag = UniqueId("gapless");
        var ids = Enumerable.Range(0, Writers).Select(i => UniqueId($"w{i}")).ToList();

        var live = TakeAsync(Query.EventsByTagAsync(tag), Writers * EventsPerWriter, $"events tagged {tag}");
        await Task.WhenAll(ids.Select(async (id, index) =>
        {
            for (var seq = 1; seq <= EventsPerWriter; seq++)
            {
                // Some events carry a second tag, so tag rows and journal rows do not line up one to one.
                await Journal.WriteAsync(index % 2 == 0 ? Write(id, seq, seq, tag) : Write(id, seq, seq, tag, "tck-noise"));
            }
        }));
        var seen = await live;

        AssertStrictlyIncreasingOffsets(seen);
        Assert.Equal(Writers * EventsPerWriter, seen.Select(e => (e.PersistenceId, e.SequenceNr)).Distinct().Count());
        foreach (var stream in seen.GroupBy(e => e.PersistenceId))
        {
            Assert.Equal(Enumerable.Range(1, EventsPerWriter).Select(n => (long)n), stream.Select(e => e.SequenceNr));
        }

        // Nothing became visible later below an offset the live reader had already passed.
        var settled = await ToListAsync(Query.CurrentEventsByTagAsync(tag));
        Assert.Equal(settled.Select(e => e.Offset), seen.Select(e => e.Offset));
    }

    [Fact]
    public async Task Current_persistence_ids_list_every_stream_once()
    {
        var ids = Enumerable.Range(0, 5).Select(i => UniqueId($"ids{i}")).ToList();
        foreach (var id in ids)
        {
            await Journal.WriteAsync(Write(id, 1, 1));
            await Journal.WriteAsync(Write(id, 2, 3));
        }

        var listed = await ToListAsync(Query.CurrentPersistenceIdsAsync());

        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Contains(id, listed));
    }
}
