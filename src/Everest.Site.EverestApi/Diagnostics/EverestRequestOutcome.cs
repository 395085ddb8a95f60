namespace Everest.Site.EverestApi;

/// <summary>How a request of ours to EVerest ended (<see cref="IEverestRequestObserver"/>).</summary>
public enum EverestRequestOutcome
{
    /// <summary>EVerest replied with a value that fits the contract (whatever it says: <c>false</c> is a reply too).</summary>
    Replied,

    /// <summary>No reply within the request timeout.</summary>
    TimedOut,

    /// <summary>The reply did not decode, or publishing the request failed.</summary>
    Failed,

    /// <summary>The caller cancelled it.</summary>
    Cancelled,
}
