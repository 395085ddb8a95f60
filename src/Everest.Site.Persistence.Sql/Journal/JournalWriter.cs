using System.Data.Common;
using System.Threading.Channels;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Dialects;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Persistence.Sql.Journal;

/// <summary>
/// The one writer of a journal instance (group commit). Every write of every actor is queued here; a
/// single loop takes whatever is queued, up to the batch size, and stores it in one transaction, so a
/// thousand actors persisting at once share a handful of fsyncs instead of paying one each. Queue order
/// is kept, so one actor's writes are stored in the order it made them.
/// </summary>
/// <remarks>
/// Each <see cref="AtomicWrite"/> stays all-or-nothing inside a batch: when the database refuses a
/// duplicate (persistence id, sequence number), the transaction is rolled back, the offending writes are
/// found and failed with <see cref="JournalConcurrencyException"/>, and the rest is written again.
/// Nothing is ever overwritten. Any other failure fails every write of the batch with
/// <see cref="JournalWriteException"/>; the next batch opens a fresh connection, so the journal works
/// again as soon as the database does.
/// </remarks>
internal sealed partial class JournalWriter : IAsyncDisposable
{
    /// <summary>Rounds of "roll back, reject the duplicates, write the rest" before a batch gives up.</summary>
    private const int MaxConflictRounds = 3;

    private readonly SqlDialect _dialect;
    private readonly int _batchMaxSize;
    private readonly TimeSpan _batchMaxDelay;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Unbounded: writes are commands and are never dropped; their callers wait for them anyway.</summary>
    private readonly Channel<WriteRequest> _queue =
        Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Task _loop;

    /// <summary>Failed batches since the last successful one; only the loop touches it.</summary>
    private int _consecutiveFailures;

    private long _rejectedWrites;
    private long _failedWrites;
    private long _committedBatches;

    public JournalWriter(SqlDialect dialect, SqlJournalSettings settings, TimeProvider timeProvider, ILogger logger)
    {
        _dialect = dialect;
        _batchMaxSize = settings.BatchMaxSize;
        _batchMaxDelay = settings.BatchMaxDelay;
        _timeProvider = timeProvider;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Pulsed after every committed batch of events.</summary>
    public WriteSignal Written { get; } = new();

    /// <summary>Writes refused as duplicates (two writers on one persistence id).</summary>
    public long RejectedWrites => Interlocked.Read(ref _rejectedWrites);

    /// <summary>Writes failed because the database could not store them.</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>Group-commit transactions committed.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    public Task WriteAsync(AtomicWrite write, CancellationToken cancellationToken)
    {
        var request = new EventsRequest(write, cancellationToken);
        return _queue.Writer.TryWrite(request)
            ? request.Completion.Task
            : Task.FromException(new JournalWriteException("The journal is shut down; the write was not stored."));
    }

    /// <summary>Runs <paramref name="work"/> in its own transaction on the writer connection, in queue order.</summary>
    public Task<T> ExecuteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var request = new OperationRequest<T>(work, cancellationToken);
        return _queue.Writer.TryWrite(request)
            ? request.Completion.Task
            : Task.FromException<T>(new ObjectDisposedException(nameof(JournalWriter), "The journal is shut down."));
    }

    /// <summary>Stops taking writes, finishes every write already queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<EventsRequest>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (reader.TryPeek(out var head) && head is OperationRequest operation)
            {
                reader.TryRead(out _);
                await RunOperationAsync(operation).ConfigureAwait(false);
                continue;
            }

            var events = TakeEvents(reader, batch, 0);
            if (_batchMaxDelay > TimeSpan.Zero && events < _batchMaxSize)
            {
                events = await WaitForMoreAsync(reader, batch, events).ConfigureAwait(false);
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    /// <summary>Moves queued event writes into <paramref name="batch"/> until it is full or an operation is next.</summary>
    private int TakeEvents(ChannelReader<WriteRequest> reader, List<EventsRequest> batch, int events)
    {
        // A write bigger than the batch size still goes, alone: an atomic write is never split.
        while ((batch.Count == 0 || events < _batchMaxSize)
            && reader.TryPeek(out var next)
            && next is EventsRequest request
            && (batch.Count == 0 || events + request.Write.Events.Count <= _batchMaxSize))
        {
            reader.TryRead(out _);
            batch.Add(request);
            events += request.Write.Events.Count;
        }

        return events;
    }

    private async Task<int> WaitForMoreAsync(ChannelReader<WriteRequest> reader, List<EventsRequest> batch, int events)
    {
        using var deadline = new CancellationTokenSource(_batchMaxDelay, _timeProvider);
        while (events < _batchMaxSize)
        {
            try
            {
                if (!await reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                break;
            }

            var before = batch.Count;
            events = TakeEvents(reader, batch, events);
            if (batch.Count == before)
            {
                break; // an operation or a write that does not fit is next: write what we have
            }
        }

        return events;
    }

    private async Task WriteBatchAsync(List<EventsRequest> batch)
    {
        var pending = new List<EventsRequest>(batch.Count);
        foreach (var request in batch)
        {
            if (request.CancellationToken.IsCancellationRequested)
            {
                request.Completion.TrySetCanceled(request.CancellationToken);
            }
            else
            {
                pending.Add(request);
            }
        }

        for (var round = 0; pending.Count > 0; round++)
        {
            DbConnection? connection = null;
            try
            {
                connection = await _dialect.AcquireWriterAsync(CancellationToken.None).ConfigureAwait(false);
                var transaction = await _dialect.BeginWriteAsync(connection, CancellationToken.None).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (round > 0)
                    {
                        pending = await RejectDuplicatesAsync(connection, transaction, pending).ConfigureAwait(false);
                    }

                    if (pending.Count > 0)
                    {
                        await _dialect.InsertEventsAsync(connection, transaction, [.. pending.Select(request => request.Write)], CancellationToken.None)
                            .ConfigureAwait(false);
                        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                }

                // Committed: from here on nothing may turn the outcome into a failure.
                await ReleaseQuietlyAsync(connection, broken: false).ConfigureAwait(false);
                if (pending.Count == 0)
                {
                    return; // every write of the batch was a duplicate
                }

                foreach (var request in pending)
                {
                    request.Completion.TrySetResult();
                }

                Interlocked.Increment(ref _committedBatches);
                if (_consecutiveFailures > 0)
                {
                    LogRecovered(_logger, _consecutiveFailures);
                    _consecutiveFailures = 0;
                }

                Written.Pulse();
                return;
            }
            catch (Exception exception) when (round < MaxConflictRounds && _dialect.IsUniqueViolation(exception))
            {
                // Rolled back by the transaction's disposal; find the duplicates in a fresh transaction.
                await ReleaseQuietlyAsync(connection, broken: false).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                await ReleaseQuietlyAsync(connection, broken: true).ConfigureAwait(false);
                _dialect.OnConnectionFailure();
                _consecutiveFailures++;
                Interlocked.Add(ref _failedWrites, pending.Count);
                LogBatchFailed(_logger, exception, pending.Count, _dialect.Provider, exception.Message);
                foreach (var request in pending)
                {
                    request.Completion.TrySetException(new JournalWriteException(
                        $"The journal could not store the write of '{request.Write.PersistenceId}' (sequence numbers {request.Write.LowestSequenceNr}–{request.Write.HighestSequenceNr}): {exception.Message}",
                        exception));
                }

                return;
            }
        }
    }

    /// <summary>
    /// Fails every write whose sequence numbers are already stored, or claimed by an earlier write of the
    /// same batch, and returns the others. Runs inside the serialised write transaction, so the answer
    /// cannot change before the retry commits.
    /// </summary>
    private async Task<List<EventsRequest>> RejectDuplicatesAsync(DbConnection connection, DbTransaction transaction, List<EventsRequest> pending)
    {
        var claimed = new HashSet<(string PersistenceId, long SequenceNr)>();
        var accepted = new List<EventsRequest>(pending.Count);
        await using var probe = connection.CreateCommand();
        probe.Transaction = transaction;
        probe.CommandText =
            "SELECT MIN(sequence_nr) FROM journal WHERE persistence_id = @persistence_id AND sequence_nr BETWEEN @low AND @high";
        var persistenceId = probe.AddParameter("persistence_id", string.Empty);
        var low = probe.AddParameter("low", 0L);
        var high = probe.AddParameter("high", 0L);
        foreach (var request in pending)
        {
            var write = request.Write;
            long? duplicate = write.Events.FirstOrDefault(repr => claimed.Contains((repr.PersistenceId, repr.SequenceNr)))?.SequenceNr;
            if (duplicate is null)
            {
                persistenceId.Value = write.PersistenceId;
                low.Value = write.LowestSequenceNr;
                high.Value = write.HighestSequenceNr;
                var stored = await probe.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
                duplicate = stored is null or DBNull ? null : Convert.ToInt64(stored, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (duplicate is { } sequenceNr)
            {
                Interlocked.Increment(ref _rejectedWrites);
                LogDuplicate(_logger, write.PersistenceId, sequenceNr);
                request.Completion.TrySetException(new JournalConcurrencyException(write.PersistenceId, sequenceNr));
                continue;
            }

            foreach (var repr in write.Events)
            {
                claimed.Add((repr.PersistenceId, repr.SequenceNr));
            }

            accepted.Add(request);
        }

        return accepted;
    }

    private async Task RunOperationAsync(OperationRequest operation)
    {
        if (operation.CancellationToken.IsCancellationRequested)
        {
            operation.Cancel();
            return;
        }

        DbConnection? connection = null;
        try
        {
            connection = await _dialect.AcquireWriterAsync(CancellationToken.None).ConfigureAwait(false);
            var transaction = await _dialect.BeginWriteAsync(connection, CancellationToken.None).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await operation.RunAsync(connection, transaction, CancellationToken.None).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await ReleaseQuietlyAsync(connection, broken: false).ConfigureAwait(false);
            operation.Complete();
        }
        catch (Exception exception)
        {
            await ReleaseQuietlyAsync(connection, broken: true).ConfigureAwait(false);
            _dialect.OnConnectionFailure();
            operation.Fail(exception);
        }
    }

    private async Task ReleaseQuietlyAsync(DbConnection? connection, bool broken)
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            await _dialect.ReleaseWriterAsync(connection, broken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The connection is already unusable; the failure that matters is the one being reported.
            LogReleaseFailed(_logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal batch of {Writes} writes failed on {Provider}; the writers are told and will retry after their backoff: {Reason}")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int writes, SqlProvider provider, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal writes succeed again after {Failures} failed batches")]
    private static partial void LogRecovered(ILogger logger, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a write to '{PersistenceId}': sequence number {SequenceNr} is already stored (two writers on one persistence id)")]
    private static partial void LogDuplicate(ILogger logger, string persistenceId, long sequenceNr);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing a failed journal writer connection failed too")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
