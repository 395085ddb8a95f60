using System.Collections.Concurrent;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;

namespace Everest.Site.EverestApi;

/// <summary>
/// Sends our side of the EVerest API: requests with replies and fire-and-forget commands, for any API
/// instance, following <see cref="EverestApiContract"/>. The typed clients (<see cref="EvseManagerClient"/>,
/// …) are thin wrappers over it.
/// </summary>
/// <remarks>
/// A request publishes <c>{"headers":{"replyTo":"everest_api/1/{api}/{module_id}/e2m/{op}/{correlation-id}"},"payload":…}</c>
/// on <c>m2e/{op}</c> and waits for the bare reply value on that replyTo. Replies are received through one
/// wildcard subscription per API instance (<c>…/e2m/+/+</c>), made before the first request. A reply that
/// arrives after its request timed out or was cancelled is ignored and counted in <see cref="LateReplies"/>.
/// Thread-safe.
/// </remarks>
public sealed partial class EverestApiClient : IAsyncDisposable
{
    private readonly IMqttTransport transport;
    private readonly EverestApiOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly IDisposable messageRegistration;
    private readonly IEverestRequestObserver? observer;

    /// <summary>Requests waiting for their reply, by correlation id.</summary>
    private readonly ConcurrentDictionary<string, PendingRequest> pending = new(StringComparer.Ordinal);

    /// <summary>Reply subscriptions, by filter; a failed subscription is removed so the next request tries again.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task>> replySubscriptions = new(StringComparer.Ordinal);

    private long lateReplies;
    private long timedOutRequests;
    private long undecodableReplies;

    /// <param name="observer">Told how long each request took and how it ended (metrics); none when null.</param>
    public EverestApiClient(IMqttTransport transport, EverestApiOptions options, TimeProvider timeProvider, ILogger<EverestApiClient> logger, IEverestRequestObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.transport = transport;
        this.options = options.Validate();
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.observer = observer;
        messageRegistration = transport.OnMessage(OnMessage);
    }

    /// <summary>Replies that arrived for no waiting request (after their timeout or cancellation).</summary>
    public long LateReplies => Interlocked.Read(ref lateReplies);

    /// <summary>Requests that got no reply within <see cref="EverestApiOptions.RequestTimeout"/>.</summary>
    public long TimedOutRequests => Interlocked.Read(ref timedOutRequests);

    /// <summary>Replies that did not fit the contract's reply type (their requests failed with <see cref="EverestReplyException"/>).</summary>
    public long UndecodableReplies => Interlocked.Read(ref undecodableReplies);

    /// <summary>Requests currently waiting for a reply.</summary>
    public int PendingRequests => pending.Count;

    /// <summary>Sends a request without arguments (e.g. <c>pause_charging</c>) and returns EVerest's reply.</summary>
    /// <exception cref="EverestRequestTimeoutException">No reply within the request timeout.</exception>
    /// <exception cref="EverestReplyException">The reply does not fit <typeparamref name="TReply"/>.</exception>
    public Task<TReply> RequestAsync<TReply>(EverestApiType api, string moduleId, string operation, CancellationToken cancellationToken = default)
    {
        var descriptor = RequireRequest(api, operation, null, typeof(TReply));
        return SendRequestAsync<TReply>(descriptor, moduleId, null, cancellationToken);
    }

    /// <summary>Sends a request with arguments (e.g. <c>enable_disable</c>) and returns EVerest's reply.</summary>
    /// <exception cref="EverestRequestTimeoutException">No reply within the request timeout.</exception>
    /// <exception cref="EverestReplyException">The reply does not fit <typeparamref name="TReply"/>.</exception>
    public Task<TReply> RequestAsync<TRequest, TReply>(EverestApiType api, string moduleId, string operation, TRequest payload, CancellationToken cancellationToken = default)
    {
        var descriptor = RequireRequest(api, operation, typeof(TRequest), typeof(TReply));
        return SendRequestAsync<TReply>(descriptor, moduleId, payload, cancellationToken);
    }

    /// <summary>Publishes a fire-and-forget command without arguments (e.g. <c>cancel_reservation</c>): an empty body, no envelope.</summary>
    public Task SendAsync(EverestApiType api, string moduleId, string operation, CancellationToken cancellationToken = default)
    {
        var descriptor = RequireCommand(api, operation, null);
        var topic = EverestTopic.ToEverest(api, moduleId, descriptor.Name).ToString();
        return transport.PublishAsync(new MqttMessage(topic, ReadOnlyMemory<byte>.Empty, MqttQos.AtLeastOnce), cancellationToken);
    }

    /// <summary>Publishes a fire-and-forget command: the raw JSON payload, no envelope (e.g. <c>set_external_limits</c>).</summary>
    public Task SendAsync<T>(EverestApiType api, string moduleId, string operation, T payload, CancellationToken cancellationToken = default)
    {
        var descriptor = RequireCommand(api, operation, typeof(T));
        var topic = EverestTopic.ToEverest(api, moduleId, descriptor.Name).ToString();
        return transport.PublishAsync(new MqttMessage(topic, EverestJson.Encode(payload, typeof(T)), MqttQos.AtLeastOnce), cancellationToken);
    }

    /// <summary>
    /// Subscribes to the reply topics of one API instance now rather than on its first request (optional;
    /// useful at start-up so the first request does not pay for the subscription).
    /// </summary>
    public Task EnsureReplySubscriptionAsync(EverestApiType api, string moduleId)
    {
        var filter = EverestTopic.ReplyFilter(api, moduleId);
        var subscription = replySubscriptions.GetOrAdd(filter, key => new Lazy<Task>(() => SubscribeAsync(key)));
        return subscription.Value;
    }

    public async ValueTask DisposeAsync()
    {
        messageRegistration.Dispose();
        foreach (var (correlationId, request) in pending)
        {
            if (pending.TryRemove(correlationId, out _))
            {
                request.Completion.TrySetException(new ObjectDisposedException(nameof(EverestApiClient), $"The client was disposed while {request.Operation} was waiting for its reply."));
            }
        }

        foreach (var filter in replySubscriptions.Keys)
        {
            try
            {
                await transport.UnsubscribeAsync(filter).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is MqttException or ObjectDisposedException or InvalidOperationException)
            {
                // The transport may already be gone at shutdown; nothing is left to clean up then.
                LogUnsubscribeFailed(logger, filter, exception.Message);
            }
        }
    }

    private async Task<TReply> SendRequestAsync<TReply>(OperationDescriptor operation, string moduleId, object? payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReplySubscriptionAsync(operation.Api, moduleId).ConfigureAwait(false);

        var correlationId = Guid.NewGuid().ToString("D");
        var replyTo = EverestTopic.ReplyTo(operation.Api, moduleId, operation.Name, correlationId);
        var request = new PendingRequest(operation, replyTo.ToString());
        pending[correlationId] = request;

        using var timeout = new CancellationTokenSource(options.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await using var registration = linked.Token.Register(() => request.Completion.TrySetCanceled(linked.Token)).ConfigureAwait(false);
        var started = timeProvider.GetTimestamp();
        var outcome = EverestRequestOutcome.Failed;
        try
        {
            var body = EverestJson.EncodeRequest(request.ReplyTo, payload, operation.PayloadType);
            var topic = EverestTopic.ToEverest(operation.Api, moduleId, operation.Name).ToString();
            await transport.PublishAsync(new MqttMessage(topic, body, MqttQos.AtLeastOnce), linked.Token).ConfigureAwait(false);
            var reply = (TReply)await request.Completion.Task.ConfigureAwait(false);
            outcome = EverestRequestOutcome.Replied;
            return reply;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            outcome = EverestRequestOutcome.TimedOut;
            Interlocked.Increment(ref timedOutRequests);
            LogRequestTimedOut(logger, operation.ToString(), moduleId, options.RequestTimeout);
            throw new EverestRequestTimeoutException(
                $"{operation} on module '{moduleId}' got no reply within {options.RequestTimeout.TotalSeconds:0.###} s (EVerest does not answer requests it cannot parse, nor while it is down).");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = EverestRequestOutcome.Cancelled;
            throw;
        }
        finally
        {
            pending.TryRemove(correlationId, out _);
            observer?.RequestCompleted(operation.Api, operation.Name, timeProvider.GetElapsedTime(started), outcome);
        }
    }

    private void OnMessage(MqttMessage message)
    {
        // Every message of the connection comes through here; only replies (…/e2m/{op}/{id}) concern us.
        if (!EverestTopic.TryParse(message.Topic, out var topic) || topic.CorrelationId is null || topic.Direction != MessageDirection.EverestToModule)
        {
            return;
        }

        if (!pending.TryGetValue(topic.CorrelationId, out var request) || request.ReplyTo != message.Topic)
        {
            if (replySubscriptions.ContainsKey(EverestTopic.ReplyFilter(topic.Api, topic.ModuleId)))
            {
                Interlocked.Increment(ref lateReplies);
                LogLateReply(logger, message.Topic);
            }

            return;
        }

        try
        {
            var reply = EverestJson.Decode(message.Payload.Span, request.Operation.ReplyType!);
            request.Completion.TrySetResult(reply);
        }
        catch (Exception exception) when (EverestMessageDecoder.IsDecodingFailure(exception))
        {
            Interlocked.Increment(ref undecodableReplies);
            request.Completion.TrySetException(new EverestReplyException(
                $"The reply to {request.Operation} on '{message.Topic}' does not decode as {request.Operation.ReplyType!.Name}: {exception.Message}", exception));
        }
    }

    private async Task SubscribeAsync(string filter)
    {
        try
        {
            await transport.SubscribeAsync(filter, MqttQos.AtLeastOnce).ConfigureAwait(false);
        }
        catch
        {
            replySubscriptions.TryRemove(filter, out _);
            throw;
        }
    }

    private static OperationDescriptor RequireRequest(EverestApiType api, string operation, Type? payloadType, Type replyType)
    {
        var descriptor = EverestApiContract.Get(api, operation);
        if (descriptor.Kind != OperationKind.Request)
        {
            throw new ArgumentException($"{descriptor} is a {descriptor.Kind}, not a request we send.", nameof(operation));
        }

        RequireTypes(descriptor, payloadType, replyType);
        return descriptor;
    }

    private static OperationDescriptor RequireCommand(EverestApiType api, string operation, Type? payloadType)
    {
        var descriptor = EverestApiContract.Get(api, operation);
        if (descriptor.Kind != OperationKind.Command)
        {
            throw new ArgumentException($"{descriptor} is a {descriptor.Kind}, not a fire-and-forget command.", nameof(operation));
        }

        RequireTypes(descriptor, payloadType, null);
        return descriptor;
    }

    private static void RequireTypes(OperationDescriptor descriptor, Type? payloadType, Type? replyType)
    {
        if (descriptor.PayloadType != payloadType)
        {
            throw new ArgumentException($"{descriptor} carries {descriptor.PayloadType?.Name ?? "no payload"}, not {payloadType?.Name ?? "no payload"}.");
        }

        if (replyType is not null && descriptor.ReplyType != replyType)
        {
            throw new ArgumentException($"{descriptor} replies with {descriptor.ReplyType?.Name}, not {replyType.Name}.");
        }
    }

    private sealed record PendingRequest(OperationDescriptor Operation, string ReplyTo)
    {
        // Continuations run off the transport's delivery thread.
        public TaskCompletionSource<object> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} on module {ModuleId} got no reply within {Timeout}")]
    private static partial void LogRequestTimedOut(ILogger logger, string operation, string moduleId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a reply on {Topic}: no request is waiting for it (late or unknown)")]
    private static partial void LogLateReply(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unsubscribe from {Filter}: {Reason}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string filter, string reason);
}
