namespace Everest.Site.Billing.Projection;

/// <summary>
/// The read model's offset moved under a batch (another process projected the same journal, or a rebuild dropped it):
/// the batch was rolled back, and the projection starts again from what is stored.
/// </summary>
public sealed class ProjectionConflictException : Exception
{
    public ProjectionConflictException(string message)
        : base(message)
    {
    }

    public ProjectionConflictException()
    {
    }

    public ProjectionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
