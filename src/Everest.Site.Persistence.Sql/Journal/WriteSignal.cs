namespace Everest.Site.Persistence.Sql.Journal;

/// <summary>
/// Fires after every committed batch, so live queries of this process wake at once instead of waiting
/// for their next poll. Take <see cref="Next"/> before reading: a commit that lands after the read
/// then still wakes the reader.
/// </summary>
internal sealed class WriteSignal
{
    /// <summary>Completed and replaced by each <see cref="Pulse"/>.</summary>
    private TaskCompletionSource _next = NewSource();

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
