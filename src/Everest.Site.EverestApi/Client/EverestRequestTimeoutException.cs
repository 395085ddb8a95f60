namespace Everest.Site.EverestApi;

/// <summary>
/// EVerest did not answer a request within <see cref="EverestApiOptions.RequestTimeout"/>. EVerest sends no
/// reply to a request it cannot parse, and none while it is down; retrying helps only in the second case.
/// </summary>
public sealed class EverestRequestTimeoutException : TimeoutException
{
    public EverestRequestTimeoutException(string message)
        : base(message)
    {
    }

    public EverestRequestTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
