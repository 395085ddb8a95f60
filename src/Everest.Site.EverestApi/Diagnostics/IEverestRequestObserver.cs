namespace Everest.Site.EverestApi;

/// <summary>
/// Told about every request <see cref="EverestApiClient"/> finished, so that the application can measure command
/// latency without the library owning a meter. Called on whatever thread completed the request: implementations are
/// quick and thread-safe, and never throw.
/// </summary>
public interface IEverestRequestObserver
{
    /// <param name="api">The API instance's type.</param>
    /// <param name="operation">The operation's name (a bounded set: the contract's operations).</param>
    /// <param name="elapsed">From publishing the request to its end (reply, timeout, failure or cancellation).</param>
    /// <param name="outcome">How it ended.</param>
    void RequestCompleted(EverestApiType api, string operation, TimeSpan elapsed, EverestRequestOutcome outcome);
}
