using System.Threading.Channels;
using Everest.Site.Actors.Persistence;

namespace Everest.Site.Actors.Tests.Persistence;

/// <summary>
/// A journal whose writes wait until the test completes or fails them, one by one; stored writes go to an
/// in-memory journal. Deterministic: nothing depends on timing.
/// </summary>
internal sealed class ControllableJournal : IJournal
{
    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>();

    public InMemoryJournal Stored { get; } = new();

    /// <summary>When false, writes pass straight through.</summary>
    public bool HoldWrites { get; set; } = true;

    public async Task WriteAsync(AtomicWrite write, CancellationToken cancellationToken = default)
    {
        if (HoldWrites)
        {
            var pending = new PendingWrite(write);
            _pending.Writer.TryWrite(pending);
            await pending.Outcome.Task.ConfigureAwait(false);
        }

        await Stored.WriteAsync(write, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next write the journal was asked to do (waits for it).</summary>
    public async Task<PendingWrite> NextWriteAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        return await _pending.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
    }

    public IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
        Stored.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        Stored.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        Stored.DeleteToAsync(persistenceId, toSequenceNr, cancellationToken);

    public sealed class PendingWrite(AtomicWrite write)
    {
        public AtomicWrite Write { get; } = write;

        public TaskCompletionSource Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete() => Outcome.SetResult();

        public void Fail(Exception cause) => Outcome.SetException(cause);
    }
}
