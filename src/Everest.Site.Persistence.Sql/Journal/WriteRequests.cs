using System.Data.Common;
using Everest.Site.Actors.Persistence;

namespace Everest.Site.Persistence.Sql.Journal;

/// <summary>Something queued for the journal's single writer loop.</summary>
internal abstract class WriteRequest(CancellationToken cancellationToken)
{
    /// <summary>The caller's token: honoured until the request's transaction starts, ignored after.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
}

/// <summary>One <see cref="AtomicWrite"/>; batched with others into a group-commit transaction.</summary>
internal sealed class EventsRequest(AtomicWrite write, CancellationToken cancellationToken) : WriteRequest(cancellationToken)
{
    public AtomicWrite Write { get; } = write;

    // Continuations run asynchronously so completing a batch never runs a thousand actors on the writer loop.
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Any other write (delete-to, snapshots): runs alone in its own transaction on the writer connection.</summary>
internal abstract class OperationRequest(CancellationToken cancellationToken) : WriteRequest(cancellationToken)
{
    public abstract Task RunAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    public abstract void Complete();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

internal sealed class OperationRequest<T>(
    Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work,
    CancellationToken cancellationToken) : OperationRequest(cancellationToken)
{
    private T? _result;

    public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task RunAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        _result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);

    public override void Complete() => Completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => Completion.TrySetException(exception);

    public override void Cancel() => Completion.TrySetCanceled(CancellationToken);
}
