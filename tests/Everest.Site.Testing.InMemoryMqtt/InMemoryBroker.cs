using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Mqtt.InMemory;

/// <summary>
/// An MQTT broker inside the process, for the demo, the simulator and tests. It follows the MQTT 3.1.1
/// rules the site relies on: topic matching with <c>+</c>, <c>#</c> and <c>$</c>-topics; retained messages
/// (set, replaced, cleared by an empty payload, delivered on subscribe); per-client ordering; persistent
/// sessions that queue QoS 1 messages while their client is away; last wills on unclean disconnects.
/// Everything happens synchronously under one lock, so a test that calls <see cref="Stop"/>,
/// <see cref="Start"/> or <see cref="DropConnection"/> sees the new broker state as soon as the call
/// returns; only the handlers run later, on each client's own delivery loop.
/// </summary>
/// <remarks>
/// Differences from mosquitto worth knowing: a client whose subscriptions overlap gets one copy of a
/// message (at the highest matching QoS), not one per subscription; QoS 0 messages are never queued for
/// offline sessions (mosquitto's default); there is no authentication.
/// </remarks>
public sealed class InMemoryBroker
{
    /// <summary>Like mosquitto's <c>max_queued_messages</c> default: QoS 1 messages kept per offline session.</summary>
    public const int DefaultMaxQueuedMessages = 1000;

    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly int maxQueuedMessages;

    /// <summary>Guards every field below and the broker-side state of every client.</summary>
    private readonly Lock gate = new();

    /// <summary>Sessions by client id: live ones and persistent ones whose client is away.</summary>
    private readonly Dictionary<string, Session> sessions = new(StringComparer.Ordinal);

    /// <summary>The retained message of each topic that has one (never an empty payload).</summary>
    private readonly Dictionary<string, MqttMessage> retained = new(StringComparer.Ordinal);

    /// <summary>Client ids the broker refuses to let in until <see cref="EndIsolation"/>.</summary>
    private readonly HashSet<string> isolated = new(StringComparer.Ordinal);

    /// <summary>Clients that lost their connection and wait to be let in again (auto-reconnect).</summary>
    private readonly List<InMemoryMqttTransport> waiting = [];

    /// <summary>Every client created and not yet disposed or crashed.</summary>
    private readonly List<InMemoryMqttTransport> clients = [];

    private bool running = true;
    private long messagesPublished;
    private long messagesDropped;

    public InMemoryBroker(ILoggerFactory? loggerFactory = null, int maxQueuedMessages = DefaultMaxQueuedMessages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueuedMessages);
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        logger = this.loggerFactory.CreateLogger<InMemoryBroker>();
        this.maxQueuedMessages = maxQueuedMessages;
    }

    /// <summary>False between <see cref="Stop"/> and <see cref="Start"/>: nobody can connect.</summary>
    public bool IsRunning
    {
        get
        {
            lock (gate)
            {
                return running;
            }
        }
    }

    /// <summary>Messages published to the broker so far (by clients, wills and <see cref="Publish"/>).</summary>
    public long MessagesPublished => Interlocked.Read(ref messagesPublished);

    /// <summary>QoS 1 messages dropped because an offline session's queue was full.</summary>
    public long MessagesDropped => Interlocked.Read(ref messagesDropped);

    /// <summary>The ids of the clients connected right now, sorted.</summary>
    public IReadOnlyList<string> ConnectedClientIds
    {
        get
        {
            lock (gate)
            {
                return sessions.Values.Where(s => s.Connection is not null).Select(s => s.ClientId).Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>
    /// Creates a client (not yet connected). Several clients may share an id, as in real life: connecting
    /// one takes the session over and disconnects the other.
    /// </summary>
    public InMemoryMqttTransport CreateClient(string clientId, InMemoryClientOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new ArgumentException("An MQTT client id must not be empty.", nameof(clientId));
        }

        options ??= new InMemoryClientOptions();
        if (options.LastWill is { } will)
        {
            MqttTopics.EnsureValidTopicName(will.Topic);
        }

        var client = new InMemoryMqttTransport(this, clientId, options, loggerFactory.CreateLogger<InMemoryMqttTransport>());
        lock (gate)
        {
            clients.Add(client);
        }

        return client;
    }

    /// <summary>True when a client with this id is connected.</summary>
    public bool IsConnected(string clientId)
    {
        lock (gate)
        {
            return sessions.TryGetValue(clientId, out var session) && session.Connection is not null;
        }
    }

    /// <summary>The retained message of <paramref name="topic"/>, or null when it has none.</summary>
    public MqttMessage? GetRetained(string topic)
    {
        lock (gate)
        {
            return retained.GetValueOrDefault(topic);
        }
    }

    /// <summary>QoS 1 messages waiting in the persistent session of <paramref name="clientId"/> for its return.</summary>
    public int GetQueuedMessageCount(string clientId)
    {
        lock (gate)
        {
            return sessions.TryGetValue(clientId, out var session) ? session.Pending.Count : 0;
        }
    }

    /// <summary>Publishes as the broker itself (no client), e.g. for a test to inject a malformed payload.</summary>
    public void Publish(MqttMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        MqttTopics.EnsureValidTopicName(message.Topic);
        var copy = message with { Payload = message.Payload.ToArray() };
        lock (gate)
        {
            PublishLocked(copy);
        }
    }

    /// <summary>
    /// Stops the broker: every connection is lost (no wills are published) and nobody can connect until
    /// <see cref="Start"/>. Clients with auto-reconnect wait in <see cref="MqttConnectionState.Reconnecting"/>.
    /// Sessions and retained messages are kept, like mosquitto with persistence on.
    /// </summary>
    public void Stop()
    {
        lock (gate)
        {
            if (!running)
            {
                return;
            }

            running = false;
            foreach (var session in sessions.Values.ToArray())
            {
                if (session.Connection is { } connection)
                {
                    DisconnectLocked(connection, publishWill: false, "the broker stopped", mayReconnect: true);
                }
            }
        }

        logger.LogInformation("In-memory MQTT broker stopped");
    }

    /// <summary>Starts a stopped broker; clients waiting to reconnect are let in at once.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (running)
            {
                return;
            }

            running = true;
            ReconnectWaitingLocked();
        }

        logger.LogInformation("In-memory MQTT broker started");
    }

    /// <summary>
    /// Stops and starts the broker. With <paramref name="keepState"/> false it also forgets every session and
    /// retained message, like a broker without persistence.
    /// </summary>
    public void Restart(bool keepState = true)
    {
        lock (gate)
        {
            Stop();
            if (!keepState)
            {
                sessions.Clear();
                retained.Clear();
            }

            Start();
        }
    }

    /// <summary>
    /// Drops a client's connection as a network failure would: its last will is published, then (if it
    /// auto-reconnects and the broker lets it) it reconnects at once. Returns false when it was not connected.
    /// </summary>
    public bool DropConnection(string clientId)
    {
        lock (gate)
        {
            if (!sessions.TryGetValue(clientId, out var session) || session.Connection is not { } connection)
            {
                return false;
            }

            DisconnectLocked(connection, publishWill: true, "the connection was dropped", mayReconnect: true);
            ReconnectWaitingLocked();
            return true;
        }
    }

    /// <summary>
    /// Cuts a client off until <see cref="EndIsolation"/>: its connection is dropped (last will published)
    /// and it cannot connect meanwhile, as if its network were down.
    /// </summary>
    public void Isolate(string clientId)
    {
        lock (gate)
        {
            isolated.Add(clientId);
            if (sessions.TryGetValue(clientId, out var session) && session.Connection is { } connection)
            {
                DisconnectLocked(connection, publishWill: true, "the client's network is down", mayReconnect: true);
            }
        }
    }

    /// <summary>Ends <see cref="Isolate"/>: a waiting client reconnects at once.</summary>
    public void EndIsolation(string clientId)
    {
        lock (gate)
        {
            isolated.Remove(clientId);
            ReconnectWaitingLocked();
        }
    }

    /// <summary>
    /// Kills every client with this id as if its process died: its last will is published, it never
    /// reconnects and its handlers are not called again. Its persistent session stays on the broker.
    /// </summary>
    public void Crash(string clientId)
    {
        lock (gate)
        {
            var victims = clients.Where(c => c.ClientId == clientId).ToArray();
            if (victims.Length == 0)
            {
                throw new InvalidOperationException($"The in-memory broker has no live client '{clientId}' to crash.");
            }

            foreach (var victim in victims)
            {
                KillLocked(victim, publishWill: true, "the client crashed");
            }
        }
    }

    internal void Connect(InMemoryMqttTransport client)
    {
        lock (gate)
        {
            if (client.IsDeadLocked)
            {
                throw new ObjectDisposedException(nameof(InMemoryMqttTransport), $"MQTT client '{client.ClientId}' was disposed or crashed.");
            }

            client.WantsConnectionLocked = true;
            if (client.StateLocked == MqttConnectionState.Connected || TryConnectLocked(client))
            {
                return;
            }

            var reason = running ? "the client's network is down" : "the broker is not running";
            if (client.Options.AutoReconnect)
            {
                if (!waiting.Contains(client))
                {
                    waiting.Add(client);
                }

                client.SetStateLocked(MqttConnectionState.Reconnecting, reason);
            }
            else
            {
                client.WantsConnectionLocked = false;
            }

            throw new MqttException($"MQTT client '{client.ClientId}' cannot connect to the in-memory broker: {reason}.") { IsTransient = true };
        }
    }

    internal void Disconnect(InMemoryMqttTransport client)
    {
        lock (gate)
        {
            client.WantsConnectionLocked = false;
            waiting.Remove(client);
            if (client.StateLocked == MqttConnectionState.Connected)
            {
                DisconnectLocked(client, publishWill: false, "disconnected by the client", mayReconnect: false);
            }
            else
            {
                client.SetStateLocked(MqttConnectionState.Disconnected, "disconnected by the client");
            }
        }
    }

    internal void Dispose(InMemoryMqttTransport client)
    {
        lock (gate)
        {
            // Disposing without DisconnectAsync is an unclean end, exactly as closing the socket would be.
            KillLocked(client, publishWill: true, "the client was disposed");
        }
    }

    internal void Subscribe(InMemoryMqttTransport client, string filter, MqttQos qos)
    {
        lock (gate)
        {
            client.EnsureAliveLocked();
            client.DesiredSubscriptionsLocked[filter] = qos;
            if (client.StateLocked == MqttConnectionState.Connected)
            {
                SubscribeLocked(sessions[client.ClientId], filter, qos);
            }
        }
    }

    internal void Unsubscribe(InMemoryMqttTransport client, string filter)
    {
        lock (gate)
        {
            client.EnsureAliveLocked();
            client.DesiredSubscriptionsLocked.Remove(filter);
            if (client.StateLocked == MqttConnectionState.Connected)
            {
                sessions[client.ClientId].Subscriptions.Remove(filter);
            }
        }
    }

    internal void Publish(InMemoryMqttTransport client, MqttMessage message)
    {
        lock (gate)
        {
            client.EnsureAliveLocked();
            if (client.StateLocked != MqttConnectionState.Connected)
            {
                throw new MqttException($"MQTT client '{client.ClientId}' cannot publish to '{message.Topic}': it is not connected ({client.StateLocked}).") { IsTransient = true };
            }

            PublishLocked(message);
        }
    }

    private bool TryConnectLocked(InMemoryMqttTransport client)
    {
        if (!running || isolated.Contains(client.ClientId))
        {
            return false;
        }

        if (sessions.TryGetValue(client.ClientId, out var session))
        {
            if (session.Connection is { } previous && previous != client)
            {
                // MQTT session takeover: the newer connection with the same client id wins. The old client
                // does not reconnect, or the two would push each other out forever.
                previous.WantsConnectionLocked = false;
                DisconnectLocked(previous, publishWill: false, "another connection took over this client id", mayReconnect: false);
                sessions.TryGetValue(client.ClientId, out session);
            }

            if (session is not null && client.Options.CleanSession)
            {
                sessions.Remove(client.ClientId);
                session = null;
            }
        }

        if (session is null)
        {
            session = new Session(client.ClientId, client.Options.CleanSession);
            sessions.Add(client.ClientId, session);
        }

        session.Connection = client;
        waiting.Remove(client);
        var reconnected = client.HasConnectedLocked;
        client.HasConnectedLocked = true;
        client.SetStateLocked(MqttConnectionState.Connected, reconnected ? "reconnected" : null);
        if (reconnected)
        {
            client.Counters.Reconnected();
        }

        // As with a real broker: what was queued for the session arrives first, then the client's own
        // re-subscriptions (and with them the retained messages) follow.
        while (session.Pending.TryDequeue(out var queued))
        {
            client.DeliverLocked(queued);
        }

        foreach (var (filter, qos) in client.DesiredSubscriptionsLocked)
        {
            SubscribeLocked(session, filter, qos);
        }

        return true;
    }

    private void SubscribeLocked(Session session, string filter, MqttQos qos)
    {
        session.Subscriptions[filter] = qos;
        foreach (var message in retained.Values)
        {
            if (MqttTopics.Matches(filter, message.Topic))
            {
                session.Connection!.DeliverLocked(message with { Qos = Min(message.Qos, qos), Retain = true });
            }
        }
    }

    private void DisconnectLocked(InMemoryMqttTransport client, bool publishWill, string reason, bool mayReconnect)
    {
        if (sessions.TryGetValue(client.ClientId, out var session) && session.Connection == client)
        {
            session.Connection = null;
            if (session.CleanSession)
            {
                sessions.Remove(client.ClientId);
            }

            if (publishWill && client.Options.LastWill is { } will)
            {
                PublishLocked(will with { Payload = will.Payload.ToArray() });
            }
        }

        if (mayReconnect && client.Options.AutoReconnect && client.WantsConnectionLocked && !client.IsDeadLocked)
        {
            if (!waiting.Contains(client))
            {
                waiting.Add(client);
            }

            client.SetStateLocked(MqttConnectionState.Reconnecting, reason);
        }
        else
        {
            waiting.Remove(client);
            client.SetStateLocked(MqttConnectionState.Disconnected, reason);
        }
    }

    private void KillLocked(InMemoryMqttTransport client, bool publishWill, string reason)
    {
        if (client.IsDeadLocked)
        {
            return;
        }

        client.WantsConnectionLocked = false;
        DisconnectLocked(client, publishWill, reason, mayReconnect: false);
        client.IsDeadLocked = true;
        clients.Remove(client);
        waiting.Remove(client);
    }

    private void ReconnectWaitingLocked()
    {
        foreach (var client in waiting.ToArray())
        {
            TryConnectLocked(client);
        }
    }

    private void PublishLocked(MqttMessage message)
    {
        Interlocked.Increment(ref messagesPublished);
        if (message.Retain)
        {
            if (message.Payload.IsEmpty)
            {
                retained.Remove(message.Topic);
            }
            else
            {
                retained[message.Topic] = message;
            }
        }

        foreach (var session in sessions.Values)
        {
            MqttQos? granted = null;
            foreach (var (filter, qos) in session.Subscriptions)
            {
                if ((granted is null || qos > granted) && MqttTopics.Matches(filter, message.Topic))
                {
                    granted = qos;
                }
            }

            if (granted is not { } subscriptionQos)
            {
                continue;
            }

            var delivered = message with { Qos = Min(message.Qos, subscriptionQos), Retain = false };
            if (session.Connection is { } connection)
            {
                connection.DeliverLocked(delivered);
            }
            else if (!session.CleanSession && delivered.Qos == MqttQos.AtLeastOnce)
            {
                if (session.Pending.Count < maxQueuedMessages)
                {
                    session.Pending.Enqueue(delivered);
                }
                else
                {
                    Interlocked.Increment(ref messagesDropped);
                }
            }
        }
    }

    private static MqttQos Min(MqttQos a, MqttQos b) => a < b ? a : b;

    /// <summary>The broker's side of one client id: what it subscribed to and what waits for it.</summary>
    private sealed class Session(string clientId, bool cleanSession)
    {
        public string ClientId { get; } = clientId;

        public bool CleanSession { get; } = cleanSession;

        public Dictionary<string, MqttQos> Subscriptions { get; } = new(StringComparer.Ordinal);

        public Queue<MqttMessage> Pending { get; } = new();

        /// <summary>The connected client, or null while the (persistent) session waits for it.</summary>
        public InMemoryMqttTransport? Connection { get; set; }
    }
}
