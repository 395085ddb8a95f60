using System.Text;
using Everest.Site.Actors.Persistence;
using Xunit;

namespace Everest.Site.Actors.TestKit.Tck;

/// <summary>Builders and assertions shared by the persistence conformance suites.</summary>
public static class TckEvents
{
    /// <summary>Every timeout of the suites: a guard that turns a hang into a failure, never a timing assertion.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The writer id of every event the suites write.</summary>
    public static Guid WriterId { get; } = Guid.Parse("5f0c2f4e-8a43-4b63-9d53-1d2b0f4a7c11");

    /// <summary>
    /// A fixed instant with whole microseconds: stores keep at least microsecond precision, and a fixed
    /// clock keeps the suites free of wall-clock time.
    /// </summary>
    public static DateTimeOffset Epoch { get; } = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// <summary>A persistence id or tag no other test uses, so suites can share one database.</summary>
    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>An event whose payload, manifest and timestamp are derived from its stream and sequence number.</summary>
    public static PersistentRepr Event(string persistenceId, long sequenceNr, params string[] tags) =>
        new(
            persistenceId,
            sequenceNr,
            $"tck.event.v{1 + (sequenceNr % 3)}",
            Encoding.UTF8.GetBytes($"{{\"stream\":\"{persistenceId}\",\"seq\":{sequenceNr}}}"),
            tags,
            Epoch.AddTicks(sequenceNr * 12_340),
            WriterId);

    /// <summary>An atomic write of the contiguous events <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static AtomicWrite Write(string persistenceId, long from, long to, params string[] tags) =>
        new([.. Enumerable.Range(0, checked((int)(to - from + 1))).Select(i => Event(persistenceId, from + i, tags))]);

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>
    /// The first <paramref name="count"/> items of a never-ending stream; fails naming what arrived when
    /// they do not all arrive within <see cref="Patience"/>.
    /// </summary>
    public static async Task<List<T>> TakeAsync<T>(IAsyncEnumerable<T> source, int count, string what)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var timeout = new CancellationTokenSource(Patience);
        var list = new List<T>(count);
        try
        {
            await foreach (var item in source.WithCancellation(timeout.Token).ConfigureAwait(false))
            {
                list.Add(item);
                if (list.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"Waited {Patience.TotalSeconds} s for {count} {what} but only {list.Count} arrived.");
        }

        Assert.True(list.Count == count, $"The stream of {what} ended after {list.Count} of {count}.");
        return list;
    }

    /// <summary>Asserts that a stored event equals what was written, field by field.</summary>
    public static void AssertSame(PersistentRepr expected, PersistentRepr actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.PersistenceId, actual.PersistenceId);
        Assert.Equal(expected.SequenceNr, actual.SequenceNr);
        Assert.Equal(expected.Manifest, actual.Manifest);
        Assert.Equal(expected.Payload.ToArray(), actual.Payload.ToArray());
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.WriterId, actual.WriterId);
    }

    /// <summary>Asserts that an envelope carries the written event.</summary>
    public static void AssertSame(PersistentRepr expected, EventEnvelope actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.PersistenceId, actual.PersistenceId);
        Assert.Equal(expected.SequenceNr, actual.SequenceNr);
        Assert.Equal(expected.Manifest, actual.Manifest);
        Assert.Equal(expected.Payload.ToArray(), actual.Payload.ToArray());
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
    }

    /// <summary>Asserts offsets strictly increase along <paramref name="envelopes"/>.</summary>
    public static void AssertStrictlyIncreasingOffsets(IReadOnlyList<EventEnvelope> envelopes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        for (var i = 1; i < envelopes.Count; i++)
        {
            Assert.True(
                envelopes[i].Offset > envelopes[i - 1].Offset,
                $"Offset {envelopes[i].Offset} at position {i} does not follow {envelopes[i - 1].Offset}.");
        }
    }
}
