using System.Collections.Concurrent;
using System.Text.Json;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;

namespace Everest.Site.EverestApi;

/// <summary>
/// Answers the requests EVerest sends us on the <c>system</c> and <c>ocpp_consumer</c> APIs
/// (<see cref="OperationKind.ReversedRequest"/>): EVerest publishes <c>e2m/{op}</c> with
/// <c>{"headers":{"replyTo":…},"payload":…}</c> and blocks until our bare JSON answer on replyTo or its own
/// timeout. Each operation gets one async handler; a handler that is missing, throws, or does not finish
/// within <see cref="EverestApiOptions.ReplyDeadline"/> is answered with the contract's safe default
/// (<see cref="OperationDescriptor.SafeDefaultReply"/>, the same EVerest would assume) and counted.
/// An answer is published only on our own reply topic of the API instance the request came on
/// (<c>everest_api/1/{api}/{module_id}/m2e/reply/{id}</c>): anyone able to publish on <c>e2m</c> could otherwise
/// make us write any topic, such as <c>false</c> on another module's <c>communication_check</c>. Warnings about
/// bad requests are rate-limited per kind (<see cref="WarningThrottle"/>) and every one is counted.
/// </summary>
public sealed partial class EverestRequestResponder : IAsyncDisposable
{
    private readonly IMqttTransport transport;
    private readonly EverestApiOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly IDisposable messageRegistration;
    private readonly WarningThrottle warnings;

    /// <summary>Handlers by operation, type-erased: (request payload, module id, replyTo, deadline token) → reply.</summary>
    private readonly ConcurrentDictionary<(EverestApiType Api, string Operation), Func<object, string, string, CancellationToken, Task<object?>>> handlers = new();

    /// <summary>API instances whose requests we answer.</summary>
    private readonly ConcurrentDictionary<(EverestApiType Api, string ModuleId), byte> instances = new();

    /// <summary>Answers being computed or published, so disposal can wait for them.</summary>
    private readonly ConcurrentDictionary<Task, byte> inFlight = new();

    private long answered;
    private long defaultAnswers;
    private long lateHandlers;
    private long failedHandlers;
    private long unhandledRequests;
    private long rejectedRequests;
    private long refusedReplyTopics;

    public EverestRequestResponder(IMqttTransport transport, EverestApiOptions options, TimeProvider timeProvider, ILogger<EverestRequestResponder> logger)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.transport = transport;
        this.options = options.Validate();
        this.timeProvider = timeProvider;
        this.logger = logger;
        warnings = new WarningThrottle(timeProvider);
        messageRegistration = transport.OnMessage(OnMessage);
    }

    /// <summary>Requests answered by their handler in time.</summary>
    public long Answered => Interlocked.Read(ref answered);

    /// <summary>Requests answered with the safe default (late, failed, unhandled or undecodable).</summary>
    public long DefaultAnswers => Interlocked.Read(ref defaultAnswers);

    /// <summary>Handlers that missed <see cref="EverestApiOptions.ReplyDeadline"/>.</summary>
    public long LateHandlers => Interlocked.Read(ref lateHandlers);

    /// <summary>Handlers that threw or returned null.</summary>
    public long FailedHandlers => Interlocked.Read(ref failedHandlers);

    /// <summary>Requests for operations without a handler.</summary>
    public long UnhandledRequests => Interlocked.Read(ref unhandledRequests);

    /// <summary>Requests that could not be used: no replyTo (nothing can be answered) or arguments that do not decode (answered with the default).</summary>
    public long RejectedRequests => Interlocked.Read(ref rejectedRequests);

    /// <summary>Requests refused because their replyTo is not our reply topic of the instance they came on (also in <see cref="RejectedRequests"/>).</summary>
    public long RefusedReplyTopics => Interlocked.Read(ref refusedReplyTopics);

    /// <summary>
    /// Registers the handler of one reversed request. <typeparamref name="TRequest"/> and <typeparamref name="TReply"/>
    /// must be the contract's types (<see cref="NoPayload"/> for operations without arguments).
    /// The handler gets a token that is cancelled at the deadline.
    /// </summary>
    public void Handle<TRequest, TReply>(EverestApiType api, string operation, Func<ReversedRequest<TRequest>, CancellationToken, Task<TReply>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var descriptor = EverestApiContract.Get(api, operation);
        if (descriptor.Kind != OperationKind.ReversedRequest)
        {
            throw new ArgumentException($"{descriptor} is a {descriptor.Kind}; only EVerest's requests to us have handlers.", nameof(operation));
        }

        var requestType = descriptor.PayloadType ?? typeof(NoPayload);
        if (requestType != typeof(TRequest) || descriptor.ReplyType != typeof(TReply))
        {
            throw new ArgumentException($"{descriptor} takes {requestType.Name} and replies {descriptor.ReplyType!.Name}, not {typeof(TRequest).Name} → {typeof(TReply).Name}.");
        }

        if (!handlers.TryAdd((api, operation), async (payload, moduleId, replyTo, deadline) =>
            await handler(new ReversedRequest<TRequest>(api, moduleId, operation, (TRequest)payload, replyTo), deadline).ConfigureAwait(false)))
        {
            throw new InvalidOperationException($"{descriptor} already has a handler.");
        }
    }

    /// <summary>Starts answering the requests of one API instance (subscribes to its reversed-request topics).</summary>
    public async Task AddInstanceAsync(EverestApiType api, string moduleId, CancellationToken cancellationToken = default)
    {
        var operations = EverestApiContract.For(api).Where(operation => operation.Kind == OperationKind.ReversedRequest).ToList();
        if (operations.Count == 0)
        {
            throw new ArgumentException($"The {api.ToWireName()} API sends us no requests.", nameof(api));
        }

        instances.TryAdd((api, moduleId), 0);
        foreach (var operation in operations)
        {
            var topic = EverestTopic.FromEverest(api, moduleId, operation.Name).ToString();
            await transport.SubscribeAsync(topic, MqttQos.AtLeastOnce, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        messageRegistration.Dispose();
        await Task.WhenAll(inFlight.Keys).ConfigureAwait(false);
    }

    private void OnMessage(MqttMessage message)
    {
        if (!EverestTopic.TryParse(message.Topic, out var topic)
            || topic.Direction != MessageDirection.EverestToModule
            || topic.CorrelationId is not null
            || !instances.ContainsKey((topic.Api, topic.ModuleId))
            || !EverestApiContract.TryFind(topic.Api, topic.Operation, out var operation)
            || operation.Kind != OperationKind.ReversedRequest)
        {
            return;
        }

        if (!EverestJson.TryReadEnvelope(message.Payload.Span, out var replyTo, out var payloadElement, out var envelopeError))
        {
            Interlocked.Increment(ref rejectedRequests);
            if (warnings.ShouldLog(nameof(LogUnanswerable), out var heldBack))
            {
                LogUnanswerable(logger, message.Topic, envelopeError, heldBack);
            }

            return;
        }

        if (!IsOwnReplyTopic(replyTo, topic))
        {
            Interlocked.Increment(ref rejectedRequests);
            Interlocked.Increment(ref refusedReplyTopics);
            if (warnings.ShouldLog(nameof(LogRefusedReplyTo), out var heldBack))
            {
                LogRefusedReplyTo(logger, message.Topic, Shortened(replyTo), EverestTopic.ReplyFromModule(topic.Api, topic.ModuleId, "{id}").ToString(), heldBack);
            }

            return;
        }

        object? payload = null;
        string? decodeError = null;
        if (operation.PayloadType is null)
        {
            payload = new NoPayload();
        }
        else if (payloadElement is not { } element)
        {
            decodeError = $"no payload, expected {operation.PayloadType.Name}";
        }
        else
        {
            try
            {
                payload = EverestJson.Decode(element, operation.PayloadType);
            }
            catch (Exception exception) when (EverestMessageDecoder.IsDecodingFailure(exception))
            {
                decodeError = exception.Message;
            }
        }

        var answer = Task.Run(() => AnswerAsync(operation, topic.ModuleId, replyTo, payload, decodeError));
        inFlight.TryAdd(answer, 0);
        answer.ContinueWith(finished => inFlight.TryRemove(finished, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task AnswerAsync(OperationDescriptor operation, string moduleId, string replyTo, object? payload, string? decodeError)
    {
        var reply = await ComputeReplyAsync(operation, moduleId, replyTo, payload, decodeError).ConfigureAwait(false);
        try
        {
            var body = EverestJson.Encode(reply, operation.ReplyType!);
            await transport.PublishAsync(new MqttMessage(replyTo, body, MqttQos.AtLeastOnce)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MqttException or JsonException or InvalidOperationException or NotSupportedException)
        {
            LogReplyFailed(logger, operation.ToString(), replyTo, exception.Message);
        }
    }

    private async Task<object> ComputeReplyAsync(OperationDescriptor operation, string moduleId, string replyTo, object? payload, string? decodeError)
    {
        var safeDefault = operation.SafeDefaultReply!;
        if (decodeError is not null || payload is null)
        {
            Interlocked.Increment(ref rejectedRequests);
            Interlocked.Increment(ref defaultAnswers);
            if (warnings.ShouldLog(nameof(LogUndecodable), out var heldBack))
            {
                LogUndecodable(logger, operation.ToString(), moduleId, Shortened(decodeError ?? "no payload"), safeDefault, heldBack);
            }

            return safeDefault;
        }

        if (!handlers.TryGetValue((operation.Api, operation.Name), out var handler))
        {
            Interlocked.Increment(ref unhandledRequests);
            Interlocked.Increment(ref defaultAnswers);
            if (warnings.ShouldLog(nameof(LogUnhandled), out var heldBack))
            {
                LogUnhandled(logger, operation.ToString(), moduleId, safeDefault, heldBack);
            }

            return safeDefault;
        }

        // One deadline, started before the handler: it cancels the handler's token and ends the wait for its reply
        // at the same instant (a second timer started after the call would begin a little later).
        using var deadline = new CancellationTokenSource(options.ReplyDeadline, timeProvider);
        try
        {
            var reply = await handler(payload, moduleId, replyTo, deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
            if (reply is null)
            {
                throw new InvalidOperationException("The handler returned null.");
            }

            Interlocked.Increment(ref answered);
            return reply;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Interlocked.Increment(ref lateHandlers);
            Interlocked.Increment(ref defaultAnswers);
            if (warnings.ShouldLog(nameof(LogLate), out var heldBack))
            {
                LogLate(logger, operation.ToString(), moduleId, options.ReplyDeadline, safeDefault, heldBack);
            }

            return safeDefault;
        }
#pragma warning disable CA1031 // A failing handler must not leave EVerest without an answer: any exception becomes the safe default.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref failedHandlers);
            Interlocked.Increment(ref defaultAnswers);
            if (warnings.ShouldLog(nameof(LogFailed), out var heldBack))
            {
                LogFailed(logger, exception, operation.ToString(), moduleId, safeDefault, heldBack);
            }

            return safeDefault;
        }
    }

    /// <summary>
    /// True when <paramref name="replyTo"/> is <c>everest_api/1/{api}/{module_id}/m2e/reply/{id}</c> of the API
    /// instance the request arrived on, with an id of at most <see cref="PayloadBounds.MaxIdentifierLength"/>
    /// characters and no wildcard or NUL (a publish there would fail or fan out).
    /// </summary>
    private static bool IsOwnReplyTopic(string replyTo, EverestTopic request) =>
        replyTo.AsSpan().IndexOfAny("+#\0") < 0
        && EverestTopic.TryParse(replyTo, out var reply)
        && reply.Api == request.Api
        && string.Equals(reply.ModuleId, request.ModuleId, StringComparison.Ordinal)
        && reply.Direction == MessageDirection.ModuleToEverest
        && reply.Operation == EverestTopic.ReplyOperation
        && reply.CorrelationId is { Length: > 0 and <= PayloadBounds.MaxIdentifierLength };

    /// <summary>What a log line quotes of received text: its first 256 characters.</summary>
    private static string Shortened(string text) => text.Length <= 256 ? text : string.Concat(text.AsSpan(0, 256), "…");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot answer the request on {Topic}: {Reason} ({HeldBack} more unanswerable requests since the last report)")]
    private static partial void LogUnanswerable(ILogger logger, string topic, string reason, long heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused the request on {Topic}: replyTo '{ReplyTo}' is not our reply topic {Expected} ({HeldBack} more refused since the last report)")]
    private static partial void LogRefusedReplyTo(ILogger logger, string topic, string replyTo, string expected, long heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} from module {ModuleId} has arguments we cannot decode ({Reason}); answered {Default} ({HeldBack} more since the last report)")]
    private static partial void LogUndecodable(ILogger logger, string operation, string moduleId, string reason, object @default, long heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} from module {ModuleId} has no handler; answered {Default} ({HeldBack} more since the last report)")]
    private static partial void LogUnhandled(ILogger logger, string operation, string moduleId, object @default, long heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The handler of {Operation} for module {ModuleId} did not answer within {Deadline}; answered {Default} ({HeldBack} more since the last report)")]
    private static partial void LogLate(ILogger logger, string operation, string moduleId, TimeSpan deadline, object @default, long heldBack);

    [LoggerMessage(Level = LogLevel.Error, Message = "The handler of {Operation} for module {ModuleId} failed; answered {Default} ({HeldBack} more since the last report)")]
    private static partial void LogFailed(ILogger logger, Exception exception, string operation, string moduleId, object @default, long heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the answer to {Operation} on {ReplyTo}: {Reason}")]
    private static partial void LogReplyFailed(ILogger logger, string operation, string replyTo, string reason);
}
