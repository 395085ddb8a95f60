using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Everest.Site.Mqtt.Mosquitto.Native;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Mqtt.Mosquitto;

/// <summary>
/// libmosquitto's callbacks. They arrive on the library's network thread as static unmanaged entry points
/// and find their transport through the <c>obj</c> pointer. No exception may escape into native code, so
/// each one catches everything and logs it.
/// </summary>
public sealed partial class MosquittoTransport
{
    /// <summary>CONNACK return codes after which trying again cannot help.</summary>
    private static string? PermanentRefusal(int code, string text) => code switch
    {
        1 => $"the broker does not accept MQTT 3.1.1 ({text})",
        2 => $"the broker rejected the client id ({text}): check everest-site.mqtt.client-id",
        4 or 5 => $"not authorised ({text}): check everest-site.mqtt.username/password",
        _ => null,
    };

    [UnmanagedCallersOnly]
    private static void OnConnectNative(nint mosquitto, nint obj, int code) => Dispatch(obj, code, static (t, c) => t.HandleConnect(c));

    [UnmanagedCallersOnly]
    private static void OnDisconnectNative(nint mosquitto, nint obj, int code)
    {
        // Read errno first, before anything else can change it: it tells a TLS failure from a plain network error.
        var errno = Marshal.GetLastSystemError();
        Dispatch(obj, (code, errno), static (t, d) => t.HandleDisconnect(d.code, d.errno));
    }

    [UnmanagedCallersOnly]
    private static void OnPublishNative(nint mosquitto, nint obj, int messageId) => Dispatch(obj, messageId, static (t, id) => t.HandlePublished(id));

    [UnmanagedCallersOnly]
    private static void OnUnsubscribeNative(nint mosquitto, nint obj, int messageId) => Dispatch(obj, messageId, static (t, id) => t.HandleRequestAcknowledged(id, refused: false));

    [UnmanagedCallersOnly]
    private static unsafe void OnSubscribeNative(nint mosquitto, nint obj, int messageId, int qosCount, int* grantedQos)
    {
        // 0x80 in SUBACK is the broker's refusal (e.g. an ACL forbids the filter).
        var refused = qosCount > 0 && grantedQos[0] == 0x80;
        Dispatch(obj, (messageId, refused), static (t, ack) => t.HandleRequestAcknowledged(ack.messageId, ack.refused));
    }

    [UnmanagedCallersOnly]
    private static unsafe void OnMessageNative(nint mosquitto, nint obj, MosquittoMessageStruct* message)
    {
        if (Find(obj) is not { } transport || transport.disposed)
        {
            return;
        }

        try
        {
            // Copy at once: libmosquitto frees the message when this callback returns.
            var topic = Marshal.PtrToStringUTF8(message->Topic) ?? string.Empty;
            var payload = message->PayloadLength > 0
                ? new ReadOnlySpan<byte>((void*)message->Payload, message->PayloadLength).ToArray()
                : [];
            var qos = message->Qos >= 1 ? MqttQos.AtLeastOnce : MqttQos.AtMostOnce;
            transport.counters.MessageReceived();
            transport.messageHandlers.Invoke(new MqttMessage(topic, payload, qos, message->Retain != 0));
        }
#pragma warning disable CA1031 // Nothing may unwind into libmosquitto's thread.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            transport.logger.LogError(exception, "MQTT client {ClientId}: failed to take an incoming message", transport.ClientId);
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe void OnLogNative(nint mosquitto, nint obj, int level, byte* text)
    {
        if (Find(obj) is not { } transport)
        {
            return;
        }

        try
        {
            var isTlsError = level == MosquittoNative.LogError && transport.options.Tls.Enabled;
            if (!isTlsError && !transport.logger.IsEnabled(LogLevel.Debug))
            {
                return;
            }

            var line = Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

            // libmosquitto logs every packet at debug level; keep it all at Debug, off by default.
            transport.logger.LogDebug("libmosquitto [{Level}] {Text}", level, line);
            if (isTlsError && line.StartsWith("OpenSSL Error", StringComparison.Ordinal))
            {
                // libmosquitto reports a failed handshake only here. The disconnect or connect result that usually
                // follows on this thread picks the line up; the task covers failures that nothing else reports.
                Interlocked.CompareExchange(ref transport.tlsError, line, null);
                _ = Task.Run(() => transport.HandleTlsFailure(line));
            }
        }
#pragma warning disable CA1031 // Nothing may unwind into libmosquitto's thread.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Logging must never fail the network thread.
        }
    }

    private static MosquittoTransport? Find(nint obj) =>
        obj == 0 ? null : GCHandle.FromIntPtr(obj).Target as MosquittoTransport;

    private static void Dispatch<T>(nint obj, T argument, Action<MosquittoTransport, T> handle, [CallerMemberName] string callback = "")
    {
        if (Find(obj) is not { } transport)
        {
            return;
        }

        try
        {
            handle(transport, argument);
        }
#pragma warning disable CA1031 // Nothing may unwind into libmosquitto's thread.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            transport.logger.LogError(exception, "MQTT client {ClientId}: {Callback} failed", transport.ClientId, callback);
        }
    }

    private void HandleConnect(int code)
    {
        lock (gate)
        {
            if (code == 0)
            {
                var reconnected = hasConnected;
                hasConnected = true;
                if (reconnected)
                {
                    counters.Reconnected();
                }

                // Subscribe again every time: the broker may have lost the session (restart without
                // persistence, clean session, session expiry), and subscribing twice is harmless.
                foreach (var (filter, qos) in subscriptions)
                {
                    var result = MosquittoNative.Subscribe(mosq, out _, filter, (int)qos);
                    if (result != MosquittoError.Success)
                    {
                        logger.LogWarning("MQTT client {ClientId}: re-subscribing to {Filter} failed: {Reason}", ClientId, filter, MosquittoLibrary.Describe(result));
                    }
                }

                logger.LogInformation(
                    "MQTT client {ClientId} {Connected} to {Host}:{Port} ({Subscriptions} subscriptions restored)",
                    ClientId,
                    reconnected ? "reconnected" : "connected",
                    options.Host,
                    options.Port,
                    subscriptions.Count);
                SetStateLocked(MqttConnectionState.Connected, reconnected ? "reconnected" : null);
                connectAttempt?.TrySetResult();
                connectAttempt = null;
                return;
            }

            var text = MosquittoLibrary.DescribeConnack(code);
            if (PermanentRefusal(code, text) is { } refusal)
            {
                // Trying again with the same settings cannot succeed: stop the network thread's retries.
                wantConnection = false;
                MosquittoNative.Disconnect(mosq);
                logger.LogError("MQTT broker {Host}:{Port} refused client {ClientId}: {Reason}", options.Host, options.Port, ClientId, refusal);
                SetStateLocked(MqttConnectionState.Disconnected, refusal);
                FailConnectAttemptLocked(new MqttException($"The MQTT broker {options.Host}:{options.Port} refused the connection: {refusal}.") { IsTransient = false });
            }
            else
            {
                logger.LogWarning("MQTT broker {Host}:{Port} refused client {ClientId} for now: {Reason}; retrying", options.Host, options.Port, ClientId, text);
                SetStateLocked(MqttConnectionState.Reconnecting, text);
                FailConnectAttemptLocked(new MqttException($"The MQTT broker {options.Host}:{options.Port} refused the connection for now: {text}; still trying in the background.") { IsTransient = true });
            }
        }
    }

    /// <summary>The result codes after which libmosquitto's network thread gives up instead of reconnecting.</summary>
    private static bool EndsNetworkThread(int code) => code is
        MosquittoError.NoMemory or MosquittoError.Protocol or MosquittoError.Invalid or MosquittoError.NotFound or
        MosquittoError.Tls or MosquittoError.PayloadSize or MosquittoError.NotSupported or MosquittoError.Auth or
        MosquittoError.AclDenied or MosquittoError.Unknown or MosquittoError.Lookup or MosquittoError.Proxy;

    /// <summary>Whether the result of <c>mosquitto_connect_async</c> (and its errno) means that TLS failed.</summary>
    private bool IsTlsConnectFailure(int result, int errno) =>
        options.Tls.Enabled && (result == MosquittoError.Tls || tlsError is not null ||
            (result == MosquittoError.Errno && errno is LinuxErrno.ProtocolError or LinuxErrno.BrokenPipe or LinuxErrno.ConnectionReset));

    /// <summary>
    /// Whether a disconnect before the first CONNACK means that TLS failed. libmosquitto does not always log
    /// OpenSSL's reason: with TLS 1.3 a broker checks the client certificate only after the client's side of the
    /// handshake is done, and when it closes the socket while the client writes CONNECT, the client sees just a
    /// broken pipe or a reset. So any drop by a TLS broker that accepted the connection counts, and only
    /// failures to reach the broker at all stay transient.
    /// </summary>
    private bool IsTlsDisconnectFailure(int code, int errno) =>
        options.Tls.Enabled && (code == MosquittoError.Tls || tlsError is not null ||
            (code is MosquittoError.Errno or MosquittoError.ConnectionLost &&
                errno is not (LinuxErrno.ConnectionRefused or LinuxErrno.HostUnreachable or LinuxErrno.NetworkUnreachable or LinuxErrno.TimedOut)));

    private void HandleDisconnect(int code, int errno)
    {
        lock (gate)
        {
            var reason = code == 0 ? "disconnected by the client" : MosquittoLibrary.Describe(code, errno);
            if (wantConnection && !disposed && !hasConnected && IsTlsDisconnectFailure(code, errno))
            {
                // A TLS failure before the first connection does not heal by retrying: wrong CA, wrong host name,
                // a client certificate missing or refused, or a port without TLS.
                FailTlsLocked(tlsError ?? (code == MosquittoError.Tls ? reason : $"the broker closed the connection before accepting the client: {reason}"));
            }
            else if (wantConnection && !disposed && EndsNetworkThread(code))
            {
                logger.LogWarning("MQTT client {ClientId} lost its connection to {Host}:{Port}: {Reason}; reconnecting", ClientId, options.Host, options.Port, reason);
                SetStateLocked(MqttConnectionState.Reconnecting, reason);
                FailConnectAttemptLocked(Unreachable(reason));
                _ = RestartNetworkThreadAsync();
            }
            else if (wantConnection && !disposed)
            {
                if (state == MqttConnectionState.Connected)
                {
                    logger.LogWarning("MQTT client {ClientId} lost its connection to {Host}:{Port}: {Reason}; reconnecting", ClientId, options.Host, options.Port, reason);
                }

                SetStateLocked(MqttConnectionState.Reconnecting, reason);
                FailConnectAttemptLocked(Unreachable(reason));
            }
            else
            {
                // Nobody wants this connection any more (disposing, or the broker refused us for good): mark
                // the client as disconnecting now, so that the network thread ends instead of sleeping until
                // its next reconnect attempt.
                MosquittoNative.Disconnect(mosq);
                SetStateLocked(MqttConnectionState.Disconnected, reason);
            }

            // Unanswered (un)subscriptions are made again on reconnect; nothing is lost by releasing their callers.
            foreach (var pending in pendingRequests.Values)
            {
                pending.Completion.TrySetResult();
            }

            pendingRequests.Clear();
        }
    }

    /// <summary>
    /// A TLS handshake failed. Before the first successful connection this is a configuration problem (wrong CA,
    /// host name, or a port without TLS) that retrying cannot fix, so the transport stops and says so. Later
    /// it may be a broker restarting, and libmosquitto's reconnecting goes on.
    /// </summary>
    private void HandleTlsFailure(string detail)
    {
        lock (gate)
        {
            if (hasConnected || !wantConnection || disposed)
            {
                return;
            }

            FailTlsLocked(detail);
        }
    }

    /// <summary>Gives up for good after a TLS failure before the first connection, and fails the waiting <see cref="ConnectAsync"/>.</summary>
    private void FailTlsLocked(string detail)
    {
        var problem = $"the TLS connection to {options.Host}:{options.Port} failed ({detail}): check everest-site.mqtt.tls.* " +
            "(ca-file, and cert-file/key-file if the broker requires a client certificate) and that this port serves TLS";
        wantConnection = false;

        // Marks the client as disconnecting, so that the network thread ends instead of reconnecting.
        MosquittoNative.Disconnect(mosq);
        logger.LogError("MQTT client {ClientId}: {Problem}", ClientId, problem);
        SetStateLocked(MqttConnectionState.Disconnected, problem);
        FailConnectAttemptLocked(new MqttException($"Cannot connect: {problem}.") { IsTransient = false });
    }

    private void HandlePublished(int messageId)
    {
        lock (gate)
        {
            // QoS 0 publishes report here too; they were never registered and are ignored.
            if (pendingPublishes.Remove(messageId, out var acknowledged))
            {
                acknowledged.TrySetResult();
            }
        }
    }

    private void HandleRequestAcknowledged(int messageId, bool refused)
    {
        lock (gate)
        {
            if (!pendingRequests.Remove(messageId, out var pending))
            {
                return;
            }

            if (refused)
            {
                subscriptions.Remove(pending.TopicFilter);
                pending.Completion.TrySetException(new MqttException(
                    $"The MQTT broker refused the subscription to '{pending.TopicFilter}' (not allowed for this user?).")
                {
                    IsTransient = false,
                });
            }
            else
            {
                pending.Completion.TrySetResult();
            }
        }
    }
}
