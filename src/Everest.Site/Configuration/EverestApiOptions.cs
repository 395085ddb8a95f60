using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.everest-api</c>: timing of the EVerest API conversation.</summary>
public sealed class EverestApiOptions
{
    /// <summary>How long to wait for the reply to a request (EVerest does not answer requests it cannot parse).</summary>
    [ConfigurationKeyName("request-timeout")]
    public TimeSpan RequestTimeout { get; set; }

    /// <summary>How often <c>communication_check</c> is published; well inside EVerest's timeout (5 s by default).</summary>
    [ConfigurationKeyName("communication-check-interval")]
    public TimeSpan CommunicationCheckInterval { get; set; }

    /// <summary>An EVSE whose heartbeat is silent this long counts as offline.</summary>
    [ConfigurationKeyName("heartbeat-timeout")]
    public TimeSpan HeartbeatTimeout { get; set; }

    /// <summary>How long our handlers may take to answer EVerest's own requests before the safe default is sent.</summary>
    [ConfigurationKeyName("reply-deadline")]
    public TimeSpan ReplyDeadline { get; set; }
}
