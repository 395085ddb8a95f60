namespace Everest.Site.Billing;

/// <summary>
/// Which CDRs an export holds: those issued in [<paramref name="From"/>, <paramref name="To"/>) (an original when its
/// transaction stopped, a credit or replacement when its correction was made), optionally of one configured EVSE or
/// one id token. Null bounds are open.
/// </summary>
public sealed record CdrFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? EvseId = null, string? IdToken = null)
{
    /// <summary>Every CDR.</summary>
    public static CdrFilter All { get; } = new();
}
