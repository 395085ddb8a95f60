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
/// </summary>
public sealed partial class EverestRequestResponder : IAsyncDisposable
{
    private readonly IMqttTransport transport;
    private readonly EverestApiOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly IDisposable messageRegistration;

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

        if (!EverestJson.TryReadEnvelope(message.Payload.Span, out var replyTo, out var payloadElement, out var envelopeError) || !IsPublishableTopic(replyTo))
        {
            Interlocked.Increment(ref rejectedRequests);
            LogUnanswerable(logger, message.Topic, envelopeError.Length > 0 ? envelopeError : $"replyTo '{replyTo}' is not a topic we can publish to");
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
            LogUndecodable(logger, operation.ToString(), moduleId, decodeError ?? "no payload", safeDefault);
            return safeDefault;
        }

        if (!handlers.TryGetValue((operation.Api, operation.Name), out var handler))
        {
            Interlocked.Increment(ref unhandledRequests);
            Interlocked.Increment(ref defaultAnswers);
            LogUnhandled(logger, operation.ToString(), moduleId, safeDefault);
            return safeDefault;
        }

        using var deadline = new CancellationTokenSource(options.ReplyDeadline, timeProvider);
        try
        {
            var reply = await handler(payload, moduleId, replyTo, deadline.Token).WaitAsync(options.ReplyDeadline, timeProvider).ConfigureAwait(false);
            if (reply is null)
            {
                throw new InvalidOperationException("The handler returned null.");
            }

            Interlocked.Increment(ref answered);
            return reply;
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && deadline.IsCancellationRequested))
        {
            Interlocked.Increment(ref lateHandlers);
            Interlocked.Increment(ref defaultAnswers);
            LogLate(logger, operation.ToString(), moduleId, options.ReplyDeadline, safeDefault);
            return safeDefault;
        }
#pragma warning disable CA1031 // A failing handler must not leave EVerest without an answer: any exception becomes the safe default.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref failedHandlers);
            Interlocked.Increment(ref defaultAnswers);
            LogFailed(logger, exception, operation.ToString(), moduleId, safeDefault);
            return safeDefault;
        }
    }

    private static bool IsPublishableTopic(string topic) => topic.Length > 0 && topic.AsSpan().IndexOfAny("+#\0") < 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot answer the request on {Topic}: {Reason}")]
    private static partial void LogUnanswerable(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} from module {ModuleId} has arguments we cannot decode ({Reason}); answered {Default}")]
    private static partial void LogUndecodable(ILogger logger, string operation, string moduleId, string reason, object @default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} from module {ModuleId} has no handler; answered {Default}")]
    private static partial void LogUnhandled(ILogger logger, string operation, string moduleId, object @default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The handler of {Operation} for module {ModuleId} did not answer within {Deadline}; answered {Default}")]
    private static partial void LogLate(ILogger logger, string operation, string moduleId, TimeSpan deadline, object @default);

    [LoggerMessage(Level = LogLevel.Error, Message = "The handler of {Operation} for module {ModuleId} failed; answered {Default}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string operation, string moduleId, object @default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the answer to {Operation} on {ReplyTo}: {Reason}")]
    private static partial void LogReplyFailed(ILogger logger, string operation, string replyTo, string reason);
}
