namespace Everest.Site.EverestApi;

/// <summary>EVerest answered a request with a reply that does not fit the contract's reply type. Retrying will not help.</summary>
public sealed class EverestReplyException : Exception
{
    public EverestReplyException(string message)
        : base(message)
    {
    }

    public EverestReplyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
