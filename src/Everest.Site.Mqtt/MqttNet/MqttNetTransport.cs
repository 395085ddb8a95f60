using Everest.Site.Mqtt.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// <see cref="IMqttTransport"/> over an MQTTnet 5 client (MQTT 5): a persistent session, QoS 1 subscriptions, one
/// supervising loop that connects, reconnects with backoff and subscribes again, TLS, credentials and a last will.
/// </summary>
/// <remarks>
/// <para>Connecting: <see cref="ConnectAsync"/> starts the supervising loop and completes with the outcome of its next
/// connection attempt. A refusal that retrying cannot fix (bad credentials, not authorised, a rejected client id, a
/// failed TLS handshake before the first connection) fails it with a permanent <see cref="MqttException"/> and stops
/// the loop; an unreachable broker fails it with a transient one while the loop goes on trying, so the state handlers
/// see <see cref="MqttConnectionState.Connected"/> once it succeeds.</para>
/// <para>After every (re)connect the loop subscribes again to everything it was asked for before any message of that
/// connection reaches a handler or is acknowledged (see <see cref="ConnectionLifetime"/>).</para>
/// <para>Delivery: handlers run on the transport's one delivery loop, fed by a bounded inbound queue, one message at a
/// time, in arrival order; a QoS 1 message is acknowledged after its handlers returned. When the handlers fall behind,
/// the oldest QoS 0 messages are dropped and counted (see <see cref="MqttNetTransportOptions.MaxWaitingMessages"/>).
/// Connection state handlers are serialized with message handlers (never two handlers at once).</para>
/// </remarks>
public sealed partial class MqttNetTransport : IMqttTransport
{
    /// <summary>Subscriptions restored in SUBSCRIBE packets of at most this many filters.</summary>
    private const int FiltersPerSubscribe = 128;

    private readonly MqttNetTransportOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly IMqttClient client;
    private readonly MqttClientOptions clientOptions;
    private readonly TransportCounters counters = new();
    private readonly HandlerRegistry<ReceivedMessage> messageHandlers;
    private readonly HandlerRegistry<MqttConnectionStateChanged> stateHandlers;
    private readonly string broker;

    /// <summary>Guards every field below.</summary>
    private readonly Lock gate = new();

    /// <summary>Held while handlers run, so that message and state handlers never run at the same time.</summary>
    private readonly Lock dispatching = new();

    private MqttConnectionState state = MqttConnectionState.Disconnected;

    /// <summary>What the application subscribed to (filter → QoS); made again after every connect.</summary>
    private readonly Dictionary<string, MqttQos> subscriptions = new(StringComparer.Ordinal);

    /// <summary>Filters unsubscribed while not connected; the broker's session may still hold them.</summary>
    private readonly HashSet<string> pendingUnsubscribes = new(StringComparer.Ordinal);

    /// <summary>Incremented on every change of <see cref="subscriptions"/>, so restoring them knows when it caught up.</summary>
    private long subscriptionsVersion;

    /// <summary>Cancelled to stop the supervising loop; null while no loop runs.</summary>
    private CancellationTokenSource? supervision;

    /// <summary>The running supervising loop (completed when none runs).</summary>
    private Task supervisor = Task.CompletedTask;

    /// <summary>Completed by the loop with the outcome of its next connection attempt; waited for by <see cref="ConnectAsync"/>.</summary>
    private TaskCompletionSource? nextAttempt;

    /// <summary>The connection being made or in use; messages check it before they are handed on.</summary>
    private volatile ConnectionLifetime? connection;

    private bool hasConnected;
    private bool disposed;

    /// <summary>Why the broker's certificate was refused during the current attempt, if it was.</summary>
    private volatile string? certificateProblem;

    /// <summary>Creates the transport; nothing connects before <see cref="ConnectAsync"/>.</summary>
    /// <exception cref="MqttException">The options are invalid (every problem named by its key); never transient.</exception>
    public MqttNetTransport(MqttNetTransportOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new MqttException($"Invalid MQTT settings: {string.Join("; ", problems)}.") { IsTransient = false };
        }

        this.options = options;
        logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MqttNetTransport>();
        time = timeProvider ?? TimeProvider.System;
        broker = $"{options.Host}:{options.Port}";
        messageHandlers = new HandlerRegistry<ReceivedMessage>(counters, logger, options.ClientId);
        stateHandlers = new HandlerRegistry<MqttConnectionStateChanged>(counters, logger, options.ClientId);
        clientOptions = MqttNetClientOptions.Create(options, ValidateBrokerCertificate);
        client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += OnApplicationMessageReceivedAsync;
        client.DisconnectedAsync += OnDisconnectedAsync;
        publishesInFlight = new SemaphoreSlim(options.MaxPublishesInFlight);
        inbound = new InboundQueue<WaitingMessage>(options.MaxWaitingMessages, options.MaxWaitingBytes);
        _ = Task.Run(PumpPublishesAsync);
        _ = Task.Run(DeliverAsync);
    }

    public string ClientId => options.ClientId;

    public MqttConnectionState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>Messages in and out, dropped and waiting, handler errors and reconnects so far.</summary>
    public MqttTransportStatistics Statistics => counters.Snapshot(inbound.Count);

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        Task outcome;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (state == MqttConnectionState.Connected)
            {
                return;
            }

            nextAttempt ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            outcome = nextAttempt.Task;
            if (supervision is null)
            {
                supervision = new CancellationTokenSource();
                var stopping = supervision.Token;
                supervisor = Task.Run(() => SuperviseAsync(stopping), CancellationToken.None);
            }
        }

        await outcome.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SubscribeAsync(string topicFilter, MqttQos qos = MqttQos.AtLeastOnce, CancellationToken cancellationToken = default)
    {
        MqttTopics.EnsureValidFilter(topicFilter);
        EnsureQos(qos);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            subscriptions[topicFilter] = qos;
            pendingUnsubscribes.Remove(topicFilter);
            subscriptionsVersion++;
            if (state != MqttConnectionState.Connected)
            {
                // Made on the next connect, with all the others.
                return;
            }
        }

        MqttClientSubscribeResult result;
        try
        {
            result = await client.SubscribeAsync(SubscribeOptions([(topicFilter, qos)], MqttRetainHandling.SendAtSubscribe), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionProblem(e) && !cancellationToken.IsCancellationRequested)
        {
            // The connection went away first; the supervising loop subscribes again on the next connect.
            return;
        }

        foreach (var item in result.Items)
        {
            if (!IsGranted(item.ResultCode))
            {
                Forget(item.TopicFilter.Topic);
                throw new MqttException($"The MQTT broker refused the subscription to '{item.TopicFilter.Topic}' ({item.ResultCode}; not allowed for this user?).")
                {
                    IsTransient = false,
                };
            }
        }
    }

    public async Task UnsubscribeAsync(string topicFilter, CancellationToken cancellationToken = default)
    {
        MqttTopics.EnsureValidFilter(topicFilter);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!subscriptions.Remove(topicFilter))
            {
                return;
            }

            subscriptionsVersion++;
            if (state != MqttConnectionState.Connected)
            {
                pendingUnsubscribes.Add(topicFilter);
                return;
            }
        }

        try
        {
            await client.UnsubscribeAsync(new MqttClientUnsubscribeOptions { TopicFilters = [topicFilter] }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionProblem(e) && !cancellationToken.IsCancellationRequested)
        {
            lock (gate)
            {
                if (!subscriptions.ContainsKey(topicFilter))
                {
                    pendingUnsubscribes.Add(topicFilter);
                }
            }
        }
    }

    public Task PublishAsync(MqttMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        MqttTopics.EnsureValidTopicName(message.Topic);
        EnsureQos(message.Qos);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (state != MqttConnectionState.Connected)
            {
                throw new MqttException($"Cannot publish to '{message.Topic}': not connected to the MQTT broker {broker} ({state}).") { IsTransient = true };
            }
        }

        var pending = new PendingPublish(
            new MqttApplicationMessage
            {
                Topic = message.Topic,
                PayloadSegment = message.Payload.ToArray(),
                QualityOfServiceLevel = (MqttQualityOfServiceLevel)message.Qos,
                Retain = message.Retain,
            },
            new TaskCompletionSource<MqttClientPublishResult>(TaskCreationOptions.RunContinuationsAsynchronously),
            cancellationToken);
        if (!publishQueue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(MqttNetTransport));
        }

        counters.MessagePublished();
        return CompletePublishAsync(message.Topic, pending.Result.Task, cancellationToken);
    }

    public IDisposable OnMessage(Action<MqttMessage> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return messageHandlers.Add(received => handler(received.Message));
    }

    public IDisposable OnMessage(Action<MqttMessage, MqttDelivery> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return messageHandlers.Add(received => handler(received.Message, received.Delivery));
    }

    public IDisposable OnConnectionStateChanged(Action<MqttConnectionStateChanged> handler) => stateHandlers.Add(handler);

    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
        }

        await StopSupervisionAsync().ConfigureAwait(false);
        await CloseConnectionAsync(MqttClientDisconnectOptionsReason.NormalDisconnection).ConfigureAwait(false);
        SetState(MqttConnectionState.Disconnected, "disconnected by the client");
    }

    /// <summary>
    /// Ends the connection like a crash would, as far as the broker can tell: it publishes the last will (MQTT 5
    /// "disconnect with will message"). Call <see cref="DisconnectAsync"/> first for a clean end.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        await StopSupervisionAsync().ConfigureAwait(false);
        await CloseConnectionAsync(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).ConfigureAwait(false);
        lock (gate)
        {
            state = MqttConnectionState.Disconnected;
        }

        // Publishes still queued fail on the closed client; the pump then ends. Messages still waiting for the handlers
        // are forgotten (unacknowledged, so the broker keeps the QoS 1 ones), and the delivery loop ends.
        publishQueue.Writer.TryComplete();
        inbound.Close();
        client.Dispose();
    }

    private static void EnsureQos(MqttQos qos)
    {
        if (qos is not (MqttQos.AtMostOnce or MqttQos.AtLeastOnce))
        {
            throw new MqttException($"Unsupported MQTT QoS {(int)qos}; only 0 and 1 are used.") { IsTransient = false };
        }
    }

    private static bool IsGranted(MqttClientSubscribeResultCode code) =>
        code is MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2;

    /// <summary>Errors that mean "the connection is gone", after which the supervising loop takes over.</summary>
    private static bool IsConnectionProblem(Exception e) =>
        e is MqttCommunicationException or MqttClientNotConnectedException or OperationCanceledException or ObjectDisposedException;

    private static MqttClientSubscribeOptions SubscribeOptions(IEnumerable<(string Filter, MqttQos Qos)> filters, MqttRetainHandling retainHandling) => new()
    {
        TopicFilters = filters.Select(f => new MqttTopicFilter
        {
            Topic = f.Filter,
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)f.Qos,
            RetainHandling = retainHandling,
        }).ToList(),
    };

    private async Task CompletePublishAsync(string topic, Task<MqttClientPublishResult> published, CancellationToken cancellationToken)
    {
        MqttClientPublishResult result;
        try
        {
            result = await published.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (IsConnectionProblem(e))
        {
            throw new MqttException($"Publishing to '{topic}' failed: the connection to the MQTT broker {broker} was lost before it acknowledged the message ({e.Message}).", e)
            {
                IsTransient = true,
            };
        }

        if (!result.IsSuccess)
        {
            throw new MqttException($"The MQTT broker refused the message to '{topic}': {result.ReasonCode} {result.ReasonString}".TrimEnd() + ".") { IsTransient = false };
        }
    }

    private void Forget(string filter)
    {
        lock (gate)
        {
            if (subscriptions.Remove(filter))
            {
                subscriptionsVersion++;
            }
        }
    }

    private async Task StopSupervisionAsync()
    {
        CancellationTokenSource? stopping;
        Task running;
        lock (gate)
        {
            stopping = supervision;
            running = supervisor;
        }

        try
        {
            if (stopping is not null)
            {
                await stopping.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // The loop ended by itself (a permanent refusal) meanwhile.
        }

        await running.ConfigureAwait(false);
    }

    private async Task CloseConnectionAsync(MqttClientDisconnectOptionsReason reason)
    {
        connection?.Abandon();
        if (client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(options.ConnectTimeout);
                await client.DisconnectAsync(new MqttClientDisconnectOptions { Reason = reason }, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectionProblem(e))
            {
                // Gone already: nothing left to close.
            }
        }

        FailNextAttempt(new MqttException($"The MQTT client {ClientId} was disconnected before it connected.") { IsTransient = true });
    }

    /// <summary>Changes the state and tells the handlers, serialized with message delivery.</summary>
    private void SetState(MqttConnectionState newState, string? reason)
    {
        lock (gate)
        {
            if (state == newState)
            {
                return;
            }

            state = newState;
        }

        RaiseState(newState, reason);
    }

    /// <summary>Tells the state handlers about a change already made, serialized with message delivery.</summary>
    private void RaiseState(MqttConnectionState newState, string? reason)
    {
        lock (dispatching)
        {
            stateHandlers.Invoke(new MqttConnectionStateChanged(newState, reason));
        }
    }

    private void CompleteNextAttempt()
    {
        TaskCompletionSource? waiting;
        lock (gate)
        {
            waiting = nextAttempt;
            nextAttempt = null;
        }

        waiting?.TrySetResult();
    }

    private void FailNextAttempt(MqttException error)
    {
        TaskCompletionSource? waiting;
        lock (gate)
        {
            waiting = nextAttempt;
            nextAttempt = null;
        }

        waiting?.TrySetException(error);
    }
}
