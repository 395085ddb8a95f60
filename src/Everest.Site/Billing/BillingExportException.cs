namespace Everest.Site.Billing;

/// <summary>An export cannot be written as asked (e.g. OCPI without the site's location); the message says what to set.</summary>
public sealed class BillingExportException : Exception
{
    public BillingExportException(string message)
        : base(message)
    {
    }

    public BillingExportException()
    {
    }

    public BillingExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
