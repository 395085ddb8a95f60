using System.Runtime.InteropServices;
using Everest.Site.Mqtt.Internal;
using Everest.Site.Mqtt.Mosquitto.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Mqtt.Mosquitto;

/// <summary>
/// <see cref="IMqttTransport"/> over Eclipse Mosquitto's C client library (<c>libmosquitto.so.1</c>), using
/// the library's own network thread (<c>mosquitto_loop_start</c>) and its automatic reconnect with backoff.
/// </summary>
/// <remarks>
/// <para>Connecting: <see cref="ConnectAsync"/> starts the network thread and completes on the broker's first
/// successful CONNACK. It fails with a permanent <see cref="MqttException"/> when the broker refuses the
/// client (bad credentials, rejected client id) — the transport then stops trying — and with a transient one
/// when the broker cannot be reached or does not answer within <see cref="MosquittoOptions.ConnectTimeout"/>;
/// in that case libmosquitto keeps trying in the background and the state handlers see
/// <see cref="MqttConnectionState.Connected"/> once it succeeds.</para>
/// <para>Subscriptions are remembered and made again after every (re)connect, so they survive broker restarts
/// even without a persistent session. Subscribing while disconnected only records the subscription.</para>
/// <para>Publishing needs a connection (otherwise a transient <see cref="MqttException"/>). A QoS 1 publish
/// completes on the broker's PUBACK; if the connection drops first, libmosquitto sends it again after
/// reconnecting and the task completes then.</para>
/// <para>Handlers run on libmosquitto's network thread, in arrival order.</para>
/// </remarks>
public sealed partial class MosquittoTransport : IMqttTransport
{
    private readonly MosquittoOptions options;
    private readonly ILogger logger;
    private readonly TransportCounters counters = new();
    private readonly HandlerRegistry<MqttMessage> messageHandlers;
    private readonly HandlerRegistry<MqttConnectionStateChanged> stateHandlers;

    /// <summary>Handle that lets the static native callbacks find this instance through libmosquitto's <c>obj</c> pointer.</summary>
    private GCHandle self;

    /// <summary>The native client (<c>struct mosquitto*</c>); valid until <see cref="DisposeAsync"/> destroys it.</summary>
    private readonly nint mosq;

    /// <summary>
    /// Guards the fields below. Held around native subscribe/publish calls so that the acknowledgement callback
    /// (on the network thread) cannot look for a message id before it is registered. libmosquitto never waits for
    /// this lock while holding a lock that those calls need, so this cannot deadlock.
    /// </summary>
    private readonly Lock gate = new();

    private MqttConnectionState state = MqttConnectionState.Disconnected;

    /// <summary>What the application subscribed to (filter → QoS); subscribed again after every connect.</summary>
    private readonly Dictionary<string, MqttQos> subscriptions = new(StringComparer.Ordinal);

    /// <summary>QoS 1 publishes waiting for their PUBACK, by message id.</summary>
    private readonly Dictionary<int, TaskCompletionSource> pendingPublishes = [];

    /// <summary>Subscribe/unsubscribe requests waiting for SUBACK/UNSUBACK, by message id.</summary>
    private readonly Dictionary<int, PendingRequest> pendingRequests = [];

    /// <summary>The running <see cref="ConnectAsync"/> attempt, completed by the first CONNACK or failure.</summary>
    private TaskCompletionSource? connectAttempt;

    /// <summary>True while libmosquitto's network thread runs (between loop start and loop stop).</summary>
    private bool loopStarted;

    /// <summary>True between <see cref="ConnectAsync"/> and <see cref="DisconnectAsync"/>, unless the broker refused us for good.</summary>
    private bool wantConnection;

    private bool hasConnected;

    /// <summary>The running join of libmosquitto's network thread, shared by everyone who waits for it.</summary>
    private Task? networkThreadJoin;

    /// <summary>Pending retry of the first connection while the broker refuses TCP connections (see <see cref="StartFirstConnectionLocked"/>).</summary>
    private Timer? firstConnectRetry;
    private volatile bool disposed;

    /// <summary>
    /// The first OpenSSL error libmosquitto logged since the first connection started, if any. libmosquitto reports
    /// a failed handshake only in its log; the result code that follows may be a plain I/O error (with TLS 1.3 a
    /// broker refuses a client certificate after the client's side of the handshake is done).
    /// </summary>
    private volatile string? tlsError;

    public MosquittoTransport(MosquittoOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new MqttException($"Invalid MQTT settings: {string.Join("; ", problems)}.") { IsTransient = false };
        }

        this.options = options;
        logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MosquittoTransport>();
        messageHandlers = new HandlerRegistry<MqttMessage>(counters, logger, options.ClientId);
        stateHandlers = new HandlerRegistry<MqttConnectionStateChanged>(counters, logger, options.ClientId);

        MosquittoLibrary.Acquire();
        self = GCHandle.Alloc(this);
        mosq = MosquittoNative.New(options.ClientId, options.CleanSession, GCHandle.ToIntPtr(self));
        if (mosq == 0)
        {
            self.Free();
            MosquittoLibrary.Release();
            throw new MqttException($"libmosquitto could not create a client with id '{options.ClientId}' (out of memory or invalid id).") { IsTransient = false };
        }

        try
        {
            Configure();
        }
        catch
        {
            MosquittoNative.Destroy(mosq);
            self.Free();
            MosquittoLibrary.Release();
            throw;
        }
    }

    /// <summary>The version of the loaded libmosquitto, e.g. "2.0.11" (null before the first transport).</summary>
    public static string? LibraryVersion => MosquittoLibrary.Version;

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

    /// <summary>Messages in and out, handler errors and reconnects so far.</summary>
    public MqttTransportStatistics Statistics => counters.Snapshot();

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        Task attempt;
        var stopStaleLoop = false;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (state == MqttConnectionState.Connected)
            {
                return;
            }

            // A loop left over from a refused attempt must be joined before a new one starts.
            stopStaleLoop = loopStarted && !wantConnection;
        }

        if (stopStaleLoop)
        {
            await StopLoopAsync().ConfigureAwait(false);
        }

        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (state == MqttConnectionState.Connected)
            {
                return;
            }

            wantConnection = true;
            connectAttempt ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            attempt = connectAttempt.Task;
            if (!loopStarted && firstConnectRetry is null)
            {
                SetStateLocked(MqttConnectionState.Connecting, $"connecting to {options.Host}:{options.Port}");
                StartFirstConnectionLocked(attempt: 0);
            }
        }

        try
        {
            await attempt.WaitAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new MqttException(
                $"No answer from the MQTT broker {options.Host}:{options.Port} within {options.ConnectTimeout.TotalSeconds:0.#} s; still trying in the background.")
            {
                IsTransient = true,
            };
        }
    }

    public Task SubscribeAsync(string topicFilter, MqttQos qos = MqttQos.AtLeastOnce, CancellationToken cancellationToken = default)
    {
        MqttTopics.EnsureValidFilter(topicFilter);
        EnsureQos(qos);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            subscriptions[topicFilter] = qos;
            if (state != MqttConnectionState.Connected)
            {
                // Made on the next connect, with all the others.
                return Task.CompletedTask;
            }

            var result = MosquittoNative.Subscribe(mosq, out var messageId, topicFilter, (int)qos);
            if (result != MosquittoError.Success)
            {
                return SubscriptionDeferredOrFailed(result, "subscribe to", topicFilter);
            }

            var pending = new PendingRequest(topicFilter, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            pendingRequests[messageId] = pending;
            return pending.Completion.Task.WaitAsync(cancellationToken);
        }
    }

    public Task UnsubscribeAsync(string topicFilter, CancellationToken cancellationToken = default)
    {
        MqttTopics.EnsureValidFilter(topicFilter);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!subscriptions.Remove(topicFilter) || state != MqttConnectionState.Connected)
            {
                return Task.CompletedTask;
            }

            var result = MosquittoNative.Unsubscribe(mosq, out var messageId, topicFilter);
            if (result != MosquittoError.Success)
            {
                return SubscriptionDeferredOrFailed(result, "unsubscribe from", topicFilter);
            }

            var pending = new PendingRequest(topicFilter, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            pendingRequests[messageId] = pending;
            return pending.Completion.Task.WaitAsync(cancellationToken);
        }
    }

    public unsafe Task PublishAsync(MqttMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        MqttTopics.EnsureValidTopicName(message.Topic);
        EnsureQos(message.Qos);
        cancellationToken.ThrowIfCancellationRequested();

        TaskCompletionSource? acknowledged = null;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (state != MqttConnectionState.Connected)
            {
                throw new MqttException($"Cannot publish to '{message.Topic}': not connected to the MQTT broker ({state}).") { IsTransient = true };
            }

            int result;
            int messageId;
            fixed (byte* payload = message.Payload.Span)
            {
                // libmosquitto copies the payload before it returns.
                result = MosquittoNative.Publish(mosq, out messageId, message.Topic, message.Payload.Length, payload, (int)message.Qos, message.Retain);
            }

            if (result != MosquittoError.Success)
            {
                throw new MqttException($"Publishing to '{message.Topic}' failed: {MosquittoLibrary.Describe(result)}.")
                {
                    IsTransient = result is MosquittoError.NoConnection or MosquittoError.ConnectionLost or MosquittoError.Errno,
                };
            }

            counters.MessagePublished();
            if (message.Qos == MqttQos.AtLeastOnce)
            {
                acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                pendingPublishes[messageId] = acknowledged;
            }
        }

        if (acknowledged is null)
        {
            return Task.CompletedTask;
        }

        return cancellationToken.CanBeCanceled ? acknowledged.Task.WaitAsync(cancellationToken) : acknowledged.Task;
    }

    public IDisposable OnMessage(Action<MqttMessage> handler) => messageHandlers.Add(handler);

    public IDisposable OnConnectionStateChanged(Action<MqttConnectionStateChanged> handler) => stateHandlers.Add(handler);

    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            wantConnection = false;
        }

        await StopLoopAsync().ConfigureAwait(false);
        lock (gate)
        {
            SetStateLocked(MqttConnectionState.Disconnected, "disconnected by the client");
            FailPendingLocked("the client disconnected");
        }
    }

    public async ValueTask DisposeAsync()
    {
        bool unclean;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            wantConnection = false;
            unclean = state == MqttConnectionState.Connected;
        }

        if (unclean)
        {
            // Going away without DISCONNECT, like a crash: the broker publishes the last will.
            var socket = MosquittoNative.Socket(mosq);
            if (socket >= 0)
            {
                MosquittoNative.ShutdownSocket(socket, MosquittoNative.ShutdownReadWrite);
            }
        }

        await StopLoopAsync().ConfigureAwait(false);
        MosquittoNative.Destroy(mosq);
        self.Free();
        MosquittoLibrary.Release();
        lock (gate)
        {
            state = MqttConnectionState.Disconnected;
            FailPendingLocked("the client was disposed");
        }
    }

    /// <summary>
    /// Starts the first connection. libmosquitto's network thread reconnects by itself only once a connection
    /// has been set up: when the broker refuses the TCP connection right away (nothing listening), the library
    /// is left without a usable connection, so this transport retries that first step itself, with the same
    /// backoff, and starts the network thread once the TCP connection is under way.
    /// </summary>
    private void StartFirstConnectionLocked(int attempt)
    {
        firstConnectRetry?.Dispose();
        firstConnectRetry = null;
        tlsError = null;
        var result = MosquittoNative.ConnectAsync(mosq, options.Host, options.Port, (int)Math.Ceiling(options.KeepAlive.TotalSeconds));
        var errno = Marshal.GetLastPInvokeError();
        if (result == MosquittoError.Success)
        {
            MosquittoLibrary.Check(MosquittoNative.LoopStart(mosq), "mosquitto_loop_start");
            loopStarted = true;
            return;
        }

        var reason = MosquittoLibrary.Describe(result, errno);
        if (IsTlsConnectFailure(result, errno))
        {
            // The handshake failed before any connection existed: retrying with the same settings cannot help.
            FailTlsLocked(tlsError ?? (result == MosquittoError.Tls ? reason : $"the broker closed the connection during the TLS handshake: {reason}"));
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(
            options.Reconnect.MaxDelay.Ticks,
            Math.Max(TimeSpan.FromSeconds(1).Ticks, options.Reconnect.MinDelay.Ticks) * (1L << Math.Min(attempt, 20))));
        if (attempt == 0)
        {
            logger.LogWarning("MQTT broker {Host}:{Port} is unreachable ({Reason}); client {ClientId} keeps trying", options.Host, options.Port, reason, ClientId);
        }

        SetStateLocked(MqttConnectionState.Reconnecting, reason);
        FailConnectAttemptLocked(Unreachable(reason));
        firstConnectRetry = new Timer(_ => RetryFirstConnection(attempt + 1), null, delay, Timeout.InfiniteTimeSpan);
    }

    private void RetryFirstConnection(int attempt)
    {
        try
        {
            lock (gate)
            {
                if (disposed || !wantConnection || loopStarted)
                {
                    return;
                }

                StartFirstConnectionLocked(attempt);
            }
        }
#pragma warning disable CA1031 // A timer callback that throws would take the process down.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "MQTT client {ClientId}: connecting failed", ClientId);
        }
    }

    /// <summary>Ends libmosquitto's network thread (after a DISCONNECT when connected) and waits for it.</summary>
    private Task StopLoopAsync()
    {
        lock (gate)
        {
            firstConnectRetry?.Dispose();
            firstConnectRetry = null;
            if (!loopStarted)
            {
                return Task.CompletedTask;
            }

            // Marks the client as disconnecting, so that the network thread ends instead of reconnecting.
            MosquittoNative.Disconnect(mosq);
            return JoinNetworkThreadLocked();
        }
    }

    /// <summary>
    /// Waits for libmosquitto's network thread to end. Every caller shares one join, because joining a thread
    /// twice is undefined behaviour. It can take up to the current reconnect delay: the library sleeps between attempts.
    /// </summary>
    private Task JoinNetworkThreadLocked()
    {
        if (!loopStarted)
        {
            return Task.CompletedTask;
        }

        return networkThreadJoin ??= JoinAsync();

        async Task JoinAsync()
        {
            await Task.Factory.StartNew(
                () => MosquittoNative.LoopStop(mosq, force: false),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);

            lock (gate)
            {
                loopStarted = false;
                networkThreadJoin = null;
            }
        }
    }

    /// <summary>
    /// libmosquitto's network thread ends by itself after errors it considers fatal (for example a failed TLS
    /// handshake or an unresolvable host). When the connection is still wanted, join the thread and start over
    /// with the first-connection retries.
    /// </summary>
    private async Task RestartNetworkThreadAsync()
    {
        try
        {
            Task join;
            lock (gate)
            {
                join = JoinNetworkThreadLocked();
            }

            await join.ConfigureAwait(false);
            lock (gate)
            {
                if (!disposed && wantConnection && !loopStarted && firstConnectRetry is null)
                {
                    firstConnectRetry = new Timer(_ => RetryFirstConnection(1), null, options.Reconnect.MinDelay, Timeout.InfiniteTimeSpan);
                }
            }
        }
#pragma warning disable CA1031 // Runs unobserved; a failure is logged rather than lost.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "MQTT client {ClientId}: restarting the network thread failed", ClientId);
        }
    }

    private unsafe void Configure()
    {
        MosquittoLibrary.Check(MosquittoNative.IntOption(mosq, MosquittoNative.OptionProtocolVersion, MosquittoNative.ProtocolVersion311), "setting MQTT 3.1.1");
        if (options.TcpNoDelay)
        {
            MosquittoLibrary.Check(MosquittoNative.IntOption(mosq, MosquittoNative.OptionTcpNoDelay, 1), "setting TCP_NODELAY");
        }

        if (options.Username is not null)
        {
            MosquittoLibrary.Check(MosquittoNative.UsernamePasswordSet(mosq, options.Username, options.Password), "mosquitto_username_pw_set");
        }

        if (options.Tls.Enabled && string.IsNullOrWhiteSpace(options.Tls.CaFile))
        {
            MosquittoLibrary.Check(MosquittoNative.IntOption(mosq, MosquittoNative.OptionTlsUseOsCertificates, 1), "trusting the system's certificate store for TLS");
        }
        else if (options.Tls.Enabled)
        {
            var tlsResult = MosquittoNative.TlsSet(mosq, options.Tls.CaFile, null, NullIfEmpty(options.Tls.CertFile), NullIfEmpty(options.Tls.KeyFile), 0);
            if (tlsResult != MosquittoError.Success)
            {
                throw new MqttException(
                    $"TLS setup failed ({MosquittoLibrary.Describe(tlsResult)}): check everest-site.mqtt.tls.ca-file, cert-file and key-file (PEM, readable, key not encrypted).")
                {
                    IsTransient = false,
                };
            }
        }

        if (options.LastWill is { } will)
        {
            fixed (byte* payload = will.Payload.Span)
            {
                MosquittoLibrary.Check(MosquittoNative.WillSet(mosq, will.Topic, will.Payload.Length, payload, (int)will.Qos, will.Retain), "mosquitto_will_set");
            }
        }

        var minDelay = (uint)Math.Max(1, Math.Ceiling(options.Reconnect.MinDelay.TotalSeconds));
        var maxDelay = (uint)Math.Max(minDelay, Math.Ceiling(options.Reconnect.MaxDelay.TotalSeconds));
        MosquittoLibrary.Check(MosquittoNative.ReconnectDelaySet(mosq, minDelay, maxDelay, exponentialBackoff: true), "mosquitto_reconnect_delay_set");

        MosquittoNative.ConnectCallbackSet(mosq, &OnConnectNative);
        MosquittoNative.DisconnectCallbackSet(mosq, &OnDisconnectNative);
        MosquittoNative.PublishCallbackSet(mosq, &OnPublishNative);
        MosquittoNative.MessageCallbackSet(mosq, &OnMessageNative);
        MosquittoNative.SubscribeCallbackSet(mosq, &OnSubscribeNative);
        MosquittoNative.UnsubscribeCallbackSet(mosq, &OnUnsubscribeNative);
        MosquittoNative.LogCallbackSet(mosq, &OnLogNative);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static void EnsureQos(MqttQos qos)
    {
        if (qos is not (MqttQos.AtMostOnce or MqttQos.AtLeastOnce))
        {
            throw new MqttException($"Unsupported MQTT QoS {(int)qos}: use AtMostOnce (0) or AtLeastOnce (1).") { IsTransient = false };
        }
    }

    private Task SubscriptionDeferredOrFailed(int result, string action, string topicFilter)
    {
        if (result is MosquittoError.NoConnection or MosquittoError.ConnectionLost)
        {
            // The connection dropped just now; the (un)subscription is made again on reconnect.
            return Task.CompletedTask;
        }

        return Task.FromException(new MqttException($"Cannot {action} '{topicFilter}': {MosquittoLibrary.Describe(result)}.") { IsTransient = false });
    }

    private MqttException Unreachable(string reason) =>
        new($"Cannot reach the MQTT broker {options.Host}:{options.Port}: {reason}; still trying in the background (check everest-site.mqtt.host/port and that the broker runs).")
        {
            IsTransient = true,
        };

    private void FailConnectAttemptLocked(MqttException error)
    {
        connectAttempt?.TrySetException(error);
        connectAttempt = null;
    }

    private void FailPendingLocked(string reason)
    {
        foreach (var pending in pendingPublishes.Values)
        {
            pending.TrySetException(new MqttException($"The broker's acknowledgement never came: {reason}.") { IsTransient = true });
        }

        pendingPublishes.Clear();
        foreach (var pending in pendingRequests.Values)
        {
            pending.Completion.TrySetResult();
        }

        pendingRequests.Clear();
        FailConnectAttemptLocked(new MqttException($"The connection attempt ended: {reason}.") { IsTransient = true });
    }

    /// <summary>Changes the state and tells the handlers; called under <see cref="gate"/> on the thread that observed the change.</summary>
    private void SetStateLocked(MqttConnectionState newState, string? reason)
    {
        if (state == newState)
        {
            return;
        }

        state = newState;
        stateHandlers.Invoke(new MqttConnectionStateChanged(newState, reason));
    }

    /// <summary>A subscribe or unsubscribe waiting for the broker's answer.</summary>
    private sealed record PendingRequest(string TopicFilter, TaskCompletionSource Completion);
}
