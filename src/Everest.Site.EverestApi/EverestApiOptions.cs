using Microsoft.Extensions.Configuration;

namespace Everest.Site.EverestApi;

/// <summary>
/// Timing of the EVerest API conversation, and the one definition of it: the app binds HOCON
/// <c>everest-site.everest-api { … }</c> straight onto this type (the key names are the attributes below), and
/// <c>hocon/reference.conf</c> documents the same defaults (a test keeps the two equal).
/// </summary>
public sealed record EverestApiOptions
{
    /// <summary>EVerest waits about this long for our answer to one of its requests before it assumes its default.</summary>
    public static readonly TimeSpan EverestReplyPatience = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a request waits for EVerest's reply. EVerest never answers a request it cannot parse,
    /// so every request needs this bound.
    /// </summary>
    [ConfigurationKeyName("request-timeout")]
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often we publish <c>true</c> on <c>m2e/communication_check</c> of every API instance in use;
    /// must stay well below EVerest's <c>cfg_communication_check_to_s</c> (default 5 s).
    /// </summary>
    [ConfigurationKeyName("communication-check-interval")]
    public TimeSpan CommunicationCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Silence on <c>e2m/heartbeat</c> after which an EVSE counts as offline (EVerest beats every 1 s by default).</summary>
    [ConfigurationKeyName("heartbeat-timeout")]
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a handler may take to answer one of EVerest's requests before we answer the safe default
    /// instead. EVerest blocks until our answer or its own timeout, so this stays under <see cref="EverestReplyPatience"/>.
    /// </summary>
    [ConfigurationKeyName("reply-deadline")]
    public TimeSpan ReplyDeadline { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// The longest message body decoded, in bytes; a longer one is rejected unread. The largest legitimate
    /// payloads (signed meter values, certificates) stay well under it.
    /// </summary>
    [ConfigurationKeyName("max-payload-size")]
    public int MaxPayloadBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// How far ahead of our clock an observation's timestamp (a meter reading, a session event) may lie before it
    /// is rejected as impossible; covers a charger whose clock runs ahead of the gateway's.
    /// </summary>
    [ConfigurationKeyName("max-clock-skew")]
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Every setting that cannot work: the property's name and what is wrong with it. Empty when all are usable.</summary>
    public IReadOnlyList<(string Property, string Problem)> Problems()
    {
        var problems = new List<(string, string)>();
        RequirePositive(problems, RequestTimeout, nameof(RequestTimeout));
        RequirePositive(problems, CommunicationCheckInterval, nameof(CommunicationCheckInterval));
        RequirePositive(problems, HeartbeatTimeout, nameof(HeartbeatTimeout));
        RequirePositive(problems, ReplyDeadline, nameof(ReplyDeadline));
        RequirePositive(problems, MaxClockSkew, nameof(MaxClockSkew));
        if (MaxPayloadBytes < 1024)
        {
            problems.Add((nameof(MaxPayloadBytes), $"expected at least 1024 bytes, found {MaxPayloadBytes}"));
        }
        if (ReplyDeadline >= EverestReplyPatience)
        {
            problems.Add((nameof(ReplyDeadline), $"expected less than {EverestReplyPatience.TotalSeconds:0}s (EVerest waits about that long for our answer), found {ReplyDeadline}"));
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that cannot work (its configuration key).</summary>
    public EverestApiOptions Validate()
    {
        if (Problems() is [var (property, problem), ..])
        {
            var key = typeof(EverestApiOptions).GetProperty(property)!.GetCustomAttributes(typeof(ConfigurationKeyNameAttribute), false)
                .Cast<ConfigurationKeyNameAttribute>().Single().Name;
            throw new ArgumentOutOfRangeException(property, $"everest-site.everest-api.{key}: {problem}.");
        }

        return this;
    }

    private static void RequirePositive(List<(string, string)> problems, TimeSpan value, string property)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add((property, $"expected a duration greater than 0, found {value}"));
        }
    }
}
