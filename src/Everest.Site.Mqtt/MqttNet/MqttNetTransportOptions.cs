namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// Where and how <see cref="MqttNetTransport"/> connects. Property names follow the HOCON keys under
/// <c>everest-site.mqtt</c> (<c>host</c>, <c>port</c>, <c>client-id</c>, <c>username</c>, <c>password</c>,
/// <c>tls { … }</c>, <c>keep-alive</c>, <c>reconnect { … }</c>, <c>inbound-queue { … }</c>); the others are set in code.
/// </summary>
public sealed record MqttNetTransportOptions
{
    /// <summary>
    /// The socket buffer size that keeps QoS 1 flowing: with the 8 KiB default a client draining a backlog from a local
    /// mosquitto stalled to a few hundred messages per second.
    /// </summary>
    public const int DefaultSocketBufferSize = 262_144;

    /// <summary><c>host</c>: broker host name or address (default 127.0.0.1); also the name its TLS certificate must carry.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary><c>port</c>: broker port (default 1883; brokers usually serve TLS on 8883).</summary>
    public int Port { get; init; } = 1883;

    /// <summary>
    /// <c>client-id</c>: stable and unique per controller. With <see cref="CleanSession"/> false the broker keeps this id's
    /// subscriptions and QoS 1 messages while the controller is away; a second client with the same id pushes the first
    /// one off the broker.
    /// </summary>
    public required string ClientId { get; init; }

    /// <summary>False (default): a persistent session that survives restarts of the controller (MQTT 5 clean start off).</summary>
    public bool CleanSession { get; init; }

    /// <summary>
    /// How long the broker keeps a persistent session after the connection ends (MQTT 5 session expiry). Null (default):
    /// never expires, as an MQTT 3.1.1 persistent session. Ignored with <see cref="CleanSession"/>.
    /// </summary>
    public TimeSpan? SessionExpiry { get; init; }

    /// <summary><c>username</c>: for brokers with <c>allow_anonymous false</c>; null connects anonymously.</summary>
    public string? Username { get; init; }

    /// <summary><c>password</c>: used only with <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary><c>keep-alive</c>: longest silence before the client pings; the broker declares the client dead after 1.5 times this (default 30 s, at least 5 s).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Send each packet at once instead of letting the kernel batch small writes (Nagle's algorithm), which can hold a small request back for tens of milliseconds (default true).</summary>
    public bool TcpNoDelay { get; init; } = true;

    /// <summary>Socket send and receive buffer size in bytes (default <see cref="DefaultSocketBufferSize"/>).</summary>
    public int SocketBufferSize { get; init; } = DefaultSocketBufferSize;

    /// <summary>
    /// How many publishes may wait for the broker at once (default 100); more queue in order on our side. MQTTnet has no
    /// such limit, and its bookkeeping of unacknowledged packets slows down with their number (50,000 QoS 1 publishes at
    /// once ran at about 1,500 per second), besides MQTT's 65,535 packet identifiers.
    /// </summary>
    public int MaxPublishesInFlight { get; init; } = 100;

    /// <summary>
    /// <c>inbound-queue.max-messages</c>: how many QoS 0 messages (not retained) may wait for the handlers (default
    /// 20,000); beyond it the oldest are dropped and counted. MQTTnet reads the socket as fast as the broker sends and
    /// keeps what it read without limit, so without this bound a flood faster than the handlers grows memory with its
    /// length. QoS 1 and retained messages are never dropped (see <see cref="MqttNetTransport"/>).
    /// </summary>
    public int MaxWaitingMessages { get; init; } = 20_000;

    /// <summary>
    /// <c>inbound-queue.max-bytes</c>: how many bytes of payload and topic those QoS 0 messages may hold (default 32 MiB);
    /// beyond it the oldest are dropped and counted, as for <see cref="MaxWaitingMessages"/>.
    /// </summary>
    public long MaxWaitingBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary><c>tls</c>.</summary>
    public MqttNetTlsOptions Tls { get; init; } = new();

    /// <summary><c>reconnect</c>.</summary>
    public MqttNetReconnectOptions Reconnect { get; init; } = new();

    /// <summary>How long one connection attempt may take, from opening the socket to the broker's CONNACK (default 10 s). Also bounds each MQTT request.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Published by the broker when this client vanishes without disconnecting (crash, power loss, network cut, or
    /// <see cref="MqttNetTransport.DisposeAsync"/> without <see cref="MqttNetTransport.DisconnectAsync"/>), typically a
    /// retained "offline" on a status topic. Null for none.
    /// </summary>
    public MqttMessage? LastWill { get; init; }

    /// <summary>
    /// Published after every successful connection, reconnections included, before the transport reports itself
    /// connected: the counterpart of <see cref="LastWill"/>, typically a retained "online" on the same status topic,
    /// so the status says "online" again after the broker published the will of an earlier, lost connection. Null for none.
    /// </summary>
    public MqttMessage? OnlineMessage { get; init; }

    /// <summary>Every problem with these options, in words that name the configuration key; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("everest-site.mqtt.host must not be empty");
        }

        if (Port is < 1 or > 65_535)
        {
            problems.Add($"everest-site.mqtt.port must be between 1 and 65535 (is {Port})");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("everest-site.mqtt.client-id must not be empty");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(ClientId) > MqttTopics.MaxTopicBytes)
        {
            problems.Add("everest-site.mqtt.client-id is too long");
        }

        if (Password is not null && Username is null)
        {
            problems.Add("everest-site.mqtt.password is set but everest-site.mqtt.username is not");
        }

        if (KeepAlive < TimeSpan.FromSeconds(5) || KeepAlive > TimeSpan.FromSeconds(65_535))
        {
            problems.Add($"everest-site.mqtt.keep-alive must be between 5 s and 65535 s (is {KeepAlive})");
        }

        if (Reconnect.MinDelay <= TimeSpan.Zero || Reconnect.MaxDelay < Reconnect.MinDelay)
        {
            problems.Add($"everest-site.mqtt.reconnect: min-delay ({Reconnect.MinDelay}) must be positive and not above max-delay ({Reconnect.MaxDelay})");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add("the MQTT connect timeout must be positive");
        }

        if (SessionExpiry is { } expiry && (expiry <= TimeSpan.Zero || expiry.TotalSeconds >= uint.MaxValue))
        {
            problems.Add($"the MQTT session expiry must be positive and below {uint.MaxValue} s (is {expiry})");
        }

        if (MaxPublishesInFlight is < 1 or > 65_535)
        {
            problems.Add($"the MQTT publishes in flight must be between 1 and 65535 (is {MaxPublishesInFlight})");
        }

        if (MaxWaitingMessages < 1)
        {
            problems.Add($"everest-site.mqtt.inbound-queue.max-messages must be at least 1 (is {MaxWaitingMessages})");
        }

        if (MaxWaitingBytes < 1)
        {
            problems.Add($"everest-site.mqtt.inbound-queue.max-bytes must be at least 1 (is {MaxWaitingBytes})");
        }

        if (SocketBufferSize < 4096)
        {
            problems.Add($"the MQTT socket buffer size must be at least 4096 bytes (is {SocketBufferSize})");
        }

        if (Tls.Enabled)
        {
            foreach (var (key, file) in new[] { ("ca-file", Tls.CaFile), ("cert-file", Tls.CertFile), ("key-file", Tls.KeyFile) })
            {
                if (!string.IsNullOrWhiteSpace(file) && !File.Exists(file))
                {
                    problems.Add($"everest-site.mqtt.tls.{key} '{file}' does not exist");
                }
            }

            if (string.IsNullOrWhiteSpace(Tls.CertFile) != string.IsNullOrWhiteSpace(Tls.KeyFile))
            {
                problems.Add("everest-site.mqtt.tls.cert-file and everest-site.mqtt.tls.key-file must be set together");
            }
        }

        if (LastWill is { } will && MqttTopics.ValidateTopicName(will.Topic) is { } error)
        {
            problems.Add($"the last will topic is invalid: {error}");
        }

        if (OnlineMessage is { } online && MqttTopics.ValidateTopicName(online.Topic) is { } onlineError)
        {
            problems.Add($"the online status topic is invalid: {onlineError}");
        }

        return problems;
    }
}
