namespace Everest.Site.Actors;

/// <summary>
/// Brings the result of a task back into an actor as a message, so the actor never awaits inside
/// <c>OnReceive</c> (which would break one-message-at-a-time).
/// </summary>
public static class PipeToExtensions
{
    /// <summary>
    /// When <paramref name="task"/> completes, tells <paramref name="recipient"/> its result (or
    /// <paramref name="success"/>'s mapping of it); a fault or cancellation becomes <see cref="Status.Failure"/>
    /// (or <paramref name="failure"/>'s mapping of the exception).
    /// </summary>
    public static Task PipeTo<T>(
        this Task<T> task,
        IActorRef recipient,
        IActorRef? sender = null,
        Func<T, object>? success = null,
        Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(
            completed =>
            {
                var message = completed.IsCompletedSuccessfully
                    ? success is null ? completed.Result : success(completed.Result)
                    : Fail(completed, failure);
                recipient.Tell(message ?? new Status.Success(null), sender);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>As <see cref="PipeTo{T}"/> for a task without result: success sends <see cref="Status.Success"/> (or <paramref name="success"/>).</summary>
    public static Task PipeTo(
        this Task task,
        IActorRef recipient,
        IActorRef? sender = null,
        Func<object>? success = null,
        Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(
            completed =>
            {
                var message = completed.IsCompletedSuccessfully
                    ? success?.Invoke() ?? new Status.Success(null)
                    : Fail(completed, failure);
                recipient.Tell(message, sender);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static object Fail(Task completed, Func<Exception, object>? failure)
    {
        Exception cause = completed.IsCanceled
            ? new TaskCanceledException(completed)
            : completed.Exception!.InnerExceptions.Count == 1 ? completed.Exception.InnerExceptions[0] : completed.Exception;
        return failure is null ? new Status.Failure(cause) : failure(cause);
    }
}
