namespace Everest.Site.EverestApi;

/// <summary>
/// Timing of the EVerest API layer. The app maps HOCON <c>everest-site.everest-api { … }</c> onto it:
/// <c>request-timeout</c>, <c>communication-check-interval</c>, <c>heartbeat-timeout</c>, <c>reply-deadline</c>.
/// </summary>
public sealed record EverestApiOptions
{
    /// <summary>
    /// How long a request waits for EVerest's reply. EVerest never answers a request it cannot parse,
    /// so every request needs this bound.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often we publish <c>true</c> on <c>m2e/communication_check</c> of every API instance in use;
    /// must stay well below EVerest's <c>cfg_communication_check_to_s</c> (default 5 s).
    /// </summary>
    public TimeSpan CommunicationCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Silence on <c>e2m/heartbeat</c> after which an API instance counts as offline (EVerest beats every 1 s by default).</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a handler may take to answer one of EVerest's requests before we answer the safe default
    /// instead. EVerest blocks until our answer or its own timeout, so this stays under a second.
    /// </summary>
    public TimeSpan ReplyDeadline { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that cannot work.</summary>
    public EverestApiOptions Validate()
    {
        RequirePositive(RequestTimeout, "request-timeout");
        RequirePositive(CommunicationCheckInterval, "communication-check-interval");
        RequirePositive(HeartbeatTimeout, "heartbeat-timeout");
        RequirePositive(ReplyDeadline, "reply-deadline");
        return this;
    }

    private static void RequirePositive(TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(key, value, $"everest-site.everest-api.{key} must be positive.");
        }
    }
}
