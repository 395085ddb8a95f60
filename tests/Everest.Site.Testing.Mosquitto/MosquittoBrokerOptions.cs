namespace Everest.Site.Testing.Mosquitto;

/// <summary>How to configure a throwaway mosquitto broker.</summary>
public sealed record MosquittoBrokerOptions
{
    /// <summary>Keep sessions and retained messages across restarts in a file under the broker's directory (default true).</summary>
    public bool Persistence { get; init; } = true;

    /// <summary>
    /// When set, anonymous clients are refused and only these users (name → password) may connect,
    /// through a password file made with <c>mosquitto_passwd</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Users { get; init; }

    /// <summary>
    /// mosquitto's <c>max_queued_messages</c>: QoS 1 messages a broker holds per client beyond the 20 in flight
    /// before it drops new ones. mosquitto's default of 1000 makes a burst of a few thousand messages to a
    /// subscriber that is a little behind lose messages, so test brokers hold 100,000 by default; 0 means no limit.
    /// </summary>
    public int MaxQueuedMessages { get; init; } = 100_000;

    /// <summary>When set, the broker's only listener serves TLS instead of plain MQTT; null (default) for plain MQTT.</summary>
    public MosquittoBrokerTls? Tls { get; init; }

    /// <summary>Extra lines appended to the generated <c>mosquitto.conf</c>.</summary>
    public IReadOnlyList<string> ExtraConfigLines { get; init; } = [];
}
