using Everest.Site.Actors.Persistence;
using Xunit;
using static Everest.Site.Actors.TestKit.Tck.TckEvents;

namespace Everest.Site.Actors.TestKit.Tck;

/// <summary>
/// The conformance suite every <see cref="IJournal"/> must pass. A concrete test class supplies a journal
/// (and the query over the same store) from <see cref="CreateStoreAsync"/>; xunit creates one per test.
/// Tests use unique persistence ids and tags, so a store may be shared by the tests of a class.
/// </summary>
public abstract class JournalTck : PersistenceTck
{
    [Fact]
    public async Task Written_events_replay_with_every_field_in_sequence_order()
    {
        var id = UniqueId("journal");
        var first = Write(id, 1, 1, "tck-a");
        var rest = Write(id, 2, 4, "tck-a", "tck-b");
        await Journal.WriteAsync(first);
        await Journal.WriteAsync(rest);

        var replayed = await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue));

        var written = first.Events.Concat(rest.Events).ToList();
        Assert.Equal(written.Count, replayed.Count);
        for (var i = 0; i < written.Count; i++)
        {
            AssertSame(written[i], replayed[i]);
        }
    }

    [Fact]
    public async Task Empty_payloads_and_untagged_events_round_trip()
    {
        var id = UniqueId("journal");
        var empty = new PersistentRepr(id, 1, "tck.empty.v1", ReadOnlyMemory<byte>.Empty, [], Epoch, WriterId);
        await Journal.WriteAsync(new AtomicWrite([empty]));

        var replayed = Assert.Single(await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue)));
        AssertSame(empty, replayed);
    }

    [Theory]
    [InlineData(1, 10, 100, new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [InlineData(3, 7, 100, new long[] { 3, 4, 5, 6, 7 })]
    [InlineData(3, 7, 2, new long[] { 3, 4 })]
    [InlineData(9, long.MaxValue, 100, new long[] { 9, 10 })]
    [InlineData(1, 10, 0, new long[0])]
    [InlineData(7, 3, 100, new long[0])]
    [InlineData(11, 20, 100, new long[0])]
    public async Task Replay_honours_from_to_and_max(long from, long to, long max, long[] expected)
    {
        var id = UniqueId("journal");
        await Journal.WriteAsync(Write(id, 1, 4));
        await Journal.WriteAsync(Write(id, 5, 10));

        var replayed = await ToListAsync(Journal.ReplayAsync(id, from, to, max));

        Assert.Equal(expected, replayed.Select(repr => repr.SequenceNr));
    }

    [Fact]
    public async Task Replay_of_an_unknown_stream_is_empty()
    {
        Assert.Empty(await ToListAsync(Journal.ReplayAsync(UniqueId("nobody"), 1, long.MaxValue, long.MaxValue)));
    }

    [Fact]
    public async Task Highest_sequence_nr_is_zero_for_an_unknown_stream_and_the_last_written_otherwise()
    {
        var id = UniqueId("journal");
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(id));

        await Journal.WriteAsync(Write(id, 1, 3));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync(id));

        await Journal.WriteAsync(Write(id, 4, 4));
        Assert.Equal(4, await Journal.ReadHighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task Delete_to_hides_events_from_replay_but_keeps_the_highest_sequence_nr()
    {
        var id = UniqueId("journal");
        await Journal.WriteAsync(Write(id, 1, 5));

        await Journal.DeleteToAsync(id, 3);
        Assert.Equal(new long[] { 4, 5 }, (await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));
        Assert.Equal(new long[] { 4, 5 }, (await ToListAsync(Query.CurrentEventsByPersistenceIdAsync(id))).Select(e => e.SequenceNr));

        await Journal.DeleteToAsync(id, 5);
        Assert.Empty(await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue)));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(id));

        // A stream whose events are all deleted goes on where it left off.
        await Journal.WriteAsync(Write(id, 6, 6));
        Assert.Equal(6, Assert.Single(await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).SequenceNr);
    }

    [Fact]
    public async Task Delete_to_never_undeletes_when_called_with_a_lower_bound()
    {
        var id = UniqueId("journal");
        await Journal.WriteAsync(Write(id, 1, 5));
        await Journal.DeleteToAsync(id, 4);
        await Journal.DeleteToAsync(id, 2);

        Assert.Equal(5, Assert.Single(await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).SequenceNr);
    }

    [Fact]
    public async Task Duplicate_sequence_nr_is_rejected_and_nothing_is_overwritten()
    {
        var id = UniqueId("journal");
        var original = Write(id, 1, 2);
        await Journal.WriteAsync(original);

        var impostor = new PersistentRepr(id, 2, "tck.impostor.v1", new byte[] { 1, 2, 3 }, [], Epoch, Guid.NewGuid());
        var rejected = await Assert.ThrowsAsync<JournalConcurrencyException>(() => Journal.WriteAsync(new AtomicWrite([impostor])));

        Assert.Equal(id, rejected.PersistenceId);
        Assert.Equal(2, rejected.SequenceNr);
        var stored = await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue));
        Assert.Equal(2, stored.Count);
        AssertSame(original.Events[1], stored[1]);
    }

    [Fact]
    public async Task An_atomic_write_overlapping_stored_events_stores_none_of_its_events()
    {
        var id = UniqueId("journal");
        await Journal.WriteAsync(Write(id, 1, 2));

        await Assert.ThrowsAsync<JournalConcurrencyException>(() => Journal.WriteAsync(Write(id, 2, 4)));

        Assert.Equal(new long[] { 1, 2 }, (await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task A_duplicate_among_concurrent_writes_fails_only_itself()
    {
        var taken = UniqueId("taken");
        await Journal.WriteAsync(Write(taken, 1, 1));
        var others = Enumerable.Range(0, 200).Select(i => UniqueId($"batch{i}")).ToList();

        // Started together, so a batching journal is likely to put the duplicate into a batch with the others.
        var writes = others.Select(id => Journal.WriteAsync(Write(id, 1, 3, "tck-batch"))).ToList();
        var duplicate = Journal.WriteAsync(Write(taken, 1, 2));
        writes.AddRange(others.Select(id => Journal.WriteAsync(Write(id, 4, 4))));

        await Assert.ThrowsAsync<JournalConcurrencyException>(() => duplicate);
        await Task.WhenAll(writes);
        foreach (var id in others)
        {
            Assert.Equal(new long[] { 1, 2, 3, 4 }, (await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));
        }

        Assert.Equal(1, await Journal.ReadHighestSequenceNrAsync(taken));
    }

    [Fact]
    public async Task Two_concurrent_writers_on_one_stream_never_both_succeed_for_a_sequence_nr()
    {
        var id = UniqueId("contested");
        var first = Journal.WriteAsync(Write(id, 1, 2));
        var second = Journal.WriteAsync(new AtomicWrite([Event(id, 1) with { Manifest = "tck.second-writer.v1" }]));

        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        Assert.Single(outcomes, succeeded => succeeded);
        var stored = await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue));
        Assert.Equal(outcomes[0] ? 2 : 1, stored.Count);
        Assert.Equal(outcomes[0] ? "tck.event.v2" : "tck.second-writer.v1", stored[0].Manifest);

        static async Task<bool> Outcome(Task write)
        {
            try
            {
                await write;
                return true;
            }
            catch (JournalConcurrencyException)
            {
                return false;
            }
        }
    }

    [Fact]
    public async Task Concurrent_writers_store_every_event_once_in_per_stream_order()
    {
        const int Streams = 50;
        const int WritesPerStream = 20;
        var ids = Enumerable.Range(0, Streams).Select(i => UniqueId($"writer{i}")).ToList();

        // Each stream is written like a persistent actor: one write at a time, awaiting each, some of several events.
        await Task.WhenAll(ids.Select(async id =>
        {
            long next = 1;
            for (var write = 0; write < WritesPerStream; write++)
            {
                var size = 1 + (write % 3);
                await Journal.WriteAsync(Write(id, next, next + size - 1));
                next += size;
            }
        }));

        foreach (var id in ids)
        {
            var stored = await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue));
            var expectedCount = Enumerable.Range(0, WritesPerStream).Sum(write => 1 + (write % 3));
            Assert.Equal(Enumerable.Range(1, expectedCount).Select(n => (long)n), stored.Select(e => e.SequenceNr));
            Assert.Equal(expectedCount, await Journal.ReadHighestSequenceNrAsync(id));
        }
    }

    [Fact]
    public async Task A_cancelled_token_before_the_write_fails_or_stores_the_write_entirely()
    {
        var id = UniqueId("journal");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var outcome = await Record.ExceptionAsync(() => Journal.WriteAsync(Write(id, 1, 3), cancelled.Token));

        var stored = await ToListAsync(Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue));
        if (outcome is null)
        {
            Assert.Equal(3, stored.Count);
        }
        else
        {
            Assert.IsAssignableFrom<OperationCanceledException>(outcome);
            Assert.Empty(stored);
        }
    }
}
