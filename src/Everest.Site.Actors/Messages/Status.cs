namespace Everest.Site.Actors;

/// <summary>Replies that describe the outcome of an operation rather than a value (as in Akka).</summary>
public static class Status
{
    /// <summary>Success without a more specific reply; what a completed <see cref="Task"/> pipes.</summary>
    public sealed record Success(object? Value);

    /// <summary>The operation failed. As an <c>Ask</c> reply it faults the returned task with <see cref="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}
