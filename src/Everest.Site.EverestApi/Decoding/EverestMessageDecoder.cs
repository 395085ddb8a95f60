using System.Collections.Concurrent;
using System.Text.Json;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.EverestApi;

/// <summary>
/// Turns incoming MQTT messages into typed <see cref="EverestMessage"/>s following <see cref="EverestApiContract"/>.
/// Works for both sides of the API: <c>e2m</c> messages (what the controller consumes), <c>m2e</c> messages
/// (what a simulated EVerest consumes) and replies to our requests. Bad input becomes a counted rejection,
/// returned as a value; the first rejection per topic and reason is logged as a warning (at most one warning per
/// reason per <see cref="WarningThrottle.DefaultInterval"/>, saying how many were held back), later ones only at debug level.
/// A payload that decodes is also held to <see cref="PayloadBounds"/> (finite numbers in physical bounds,
/// possible timestamps, bounded strings) and to <see cref="EverestApiOptions.MaxPayloadBytes"/>, so what passes
/// may become a stored fact. Thread-safe.
/// </summary>
public sealed partial class EverestMessageDecoder
{
    /// <summary>
    /// The most topics counted one by one. Topics come from the broker, so a misbehaving publisher could
    /// invent endless ones; past this many, further topics are counted together under <see cref="OtherTopics"/>.
    /// </summary>
    public const int MaxTrackedTopics = 4096;

    /// <summary>The key under which rejections on topics beyond <see cref="MaxTrackedTopics"/> are counted.</summary>
    public const string OtherTopics = "*";

    /// <summary>
    /// The longest topic kept as a counting key; a longer (invented) topic is counted under its first this-many
    /// characters, so a flood of 60 kB topic names cannot grow memory.
    /// </summary>
    public const int MaxTopicKeyLength = 256;

    /// <summary>The longest rejection detail kept and logged, in characters.</summary>
    private const int MaxDetailLength = 512;

    /// <summary>Rejections so far, per topic string (cut to <see cref="MaxTopicKeyLength"/>) and reason.</summary>
    private readonly ConcurrentDictionary<(string Topic, RejectionReason Reason), long> rejections = new();

    /// <summary>The distinct topic keys in <see cref="rejections"/>, bounded by <see cref="MaxTrackedTopics"/>.</summary>
    private readonly ConcurrentDictionary<string, byte> trackedTopics = new(StringComparer.Ordinal);
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly EverestApiOptions options;
    private readonly WarningThrottle warnings;
    private long rejectedTotal;

    /// <param name="logger">Where rejections are reported.</param>
    /// <param name="time">The gateway's clock, against which observation timestamps are judged.</param>
    /// <param name="options">The payload size and clock skew limits.</param>
    public EverestMessageDecoder(ILogger<EverestMessageDecoder>? logger = null, TimeProvider? time = null, EverestApiOptions? options = null)
    {
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        this.time = time ?? TimeProvider.System;
        this.options = (options ?? new EverestApiOptions()).Validate();
        warnings = new WarningThrottle(this.time);
    }

    /// <summary>Every rejection so far.</summary>
    public long RejectedCount => Interlocked.Read(ref rejectedTotal);

    /// <summary>A snapshot of the rejection counts per topic.</summary>
    public IReadOnlyDictionary<string, long> RejectionsByTopic => rejections
        .GroupBy(entry => entry.Key.Topic, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Sum(entry => entry.Value), StringComparer.Ordinal);

    /// <summary>A snapshot of the rejection counts per topic and reason.</summary>
    public IReadOnlyDictionary<(string Topic, RejectionReason Reason), long> Rejections => new Dictionary<(string, RejectionReason), long>(rejections);

    /// <summary>Decodes one message. Never throws for bad input.</summary>
    public EverestDecodeResult Decode(MqttMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Payload.Length > options.MaxPayloadBytes)
        {
            return RejectTooLarge(message);
        }

        return EverestTopic.TryParse(message.Topic, out var topic, out var topicError)
            ? Decode(message, topic)
            : Reject(message.Topic, RejectionReason.NotEverestTopic, topicError);
    }

    /// <summary>
    /// Decodes one message whose topic the caller has already parsed (a router that looked at the topic to
    /// pick a recipient), so the topic string is parsed once per message. Never throws for bad input.
    /// </summary>
    /// <param name="message">The message as received.</param>
    /// <param name="topic">The parse of <paramref name="message"/>'s topic; it travels on in the decoded message.</param>
    public EverestDecodeResult Decode(MqttMessage message, EverestTopic topic)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(topic);
        if (message.Payload.Length > options.MaxPayloadBytes)
        {
            return RejectTooLarge(message);
        }

        if (topic.Direction == MessageDirection.ModuleToEverest && topic.Operation == EverestTopic.ReplyOperation)
        {
            return Reject(message.Topic, RejectionReason.UnknownOperation,
                "This is a module's reply to an EVerest request; decode it with DecodeReply and the operation it answers.");
        }

        if (!EverestApiContract.TryFind(topic.Api, topic.Operation, out var operation))
        {
            return Reject(message.Topic, RejectionReason.UnknownOperation, $"The {topic.Api.ToWireName()} API has no operation '{topic.Operation}'.");
        }

        if (topic.CorrelationId is not null)
        {
            return topic.Direction == MessageDirection.EverestToModule && operation.Kind == OperationKind.Request
                ? DecodeValue(message, topic, operation, operation.ReplyType!)
                : Reject(message.Topic, RejectionReason.UnknownOperation, $"{operation} takes no correlation segment in this direction.");
        }

        if (topic.Direction != operation.Direction)
        {
            return Reject(message.Topic, RejectionReason.UnknownOperation,
                $"'{operation.Name}' travels {EverestTopic.DirectionSegment(operation.Direction)}, not {EverestTopic.DirectionSegment(topic.Direction)}.");
        }

        return operation.HasEnvelope
            ? DecodeEnvelope(message, topic, operation)
            : DecodeValue(message, topic, operation, operation.PayloadType);
    }

    /// <summary>
    /// Decodes a module's bare reply to one of EVerest's requests (published on <c>…/m2e/reply/{uuid}</c>),
    /// given the operation it answers. This is what a simulated EVerest needs.
    /// </summary>
    public EverestDecodeResult DecodeReply(MqttMessage message, OperationDescriptor answeredOperation)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(answeredOperation);
        if (answeredOperation.ReplyType is null)
        {
            throw new ArgumentException($"{answeredOperation} has no reply.", nameof(answeredOperation));
        }

        if (message.Payload.Length > options.MaxPayloadBytes)
        {
            return RejectTooLarge(message);
        }

        var topic = EverestTopic.TryParse(message.Topic, out var parsed)
            ? parsed
            : new EverestTopic(answeredOperation.Api, string.Empty, MessageDirection.ModuleToEverest, EverestTopic.ReplyOperation);
        return DecodeValue(message, topic, answeredOperation, answeredOperation.ReplyType);
    }

    private EverestDecodeResult DecodeEnvelope(MqttMessage message, EverestTopic topic, OperationDescriptor operation)
    {
        if (!EverestJson.TryReadEnvelope(message.Payload.Span, out var replyTo, out var payloadElement, out var envelopeError))
        {
            var reason = envelopeError.StartsWith("The body is not JSON", StringComparison.Ordinal)
                ? RejectionReason.MalformedJson
                : RejectionReason.MissingReplyTo;
            return Reject(message.Topic, reason, envelopeError);
        }

        if (operation.PayloadType is null)
        {
            return EverestDecodeResult.Success(new EverestMessage(topic, operation, null, replyTo));
        }

        if (payloadElement is not { } element)
        {
            return Reject(message.Topic, RejectionReason.WrongType, $"{operation} needs a payload of type {operation.PayloadType.Name}.");
        }

        try
        {
            return Checked(message, new EverestMessage(topic, operation, EverestJson.Decode(element, operation.PayloadType), replyTo));
        }
        catch (Exception exception) when (IsDecodingFailure(exception))
        {
            return Reject(message.Topic, RejectionReason.WrongType, $"The payload does not decode as {operation.PayloadType.Name}: {exception.Message}");
        }
    }

    private EverestDecodeResult DecodeValue(MqttMessage message, EverestTopic topic, OperationDescriptor operation, Type? type)
    {
        if (type is null)
        {
            // Operations without arguments: EVerest ignores the body, and so do we (allow_firmware_installation sends "").
            return EverestDecodeResult.Success(new EverestMessage(topic, operation, null));
        }

        var body = message.Payload.Span;
        if (body.IsEmpty)
        {
            return Reject(message.Topic, RejectionReason.MalformedJson, $"The body is empty; {operation} carries a {type.Name}.");
        }

        try
        {
            return Checked(message, new EverestMessage(topic, operation, EverestJson.Decode(body, type)));
        }
        catch (Exception exception) when (IsDecodingFailure(exception))
        {
            return IsWellFormedJson(body)
                ? Reject(message.Topic, RejectionReason.WrongType, $"The body does not decode as {type.Name}: {exception.Message}")
                : Reject(message.Topic, RejectionReason.MalformedJson, $"The body is not JSON: {exception.Message}");
        }
    }

    /// <summary>A decoded message passes only if its payload keeps <see cref="PayloadBounds"/>.</summary>
    private EverestDecodeResult Checked(MqttMessage message, EverestMessage decoded)
    {
        if (decoded.Payload is { } payload
            && PayloadValidator.FindViolation(payload, time.GetUtcNow() + options.MaxClockSkew) is var (reason, detail))
        {
            return Reject(message.Topic, reason, detail);
        }

        return EverestDecodeResult.Success(decoded);
    }

    private EverestDecodeResult RejectTooLarge(MqttMessage message) =>
        Reject(message.Topic, RejectionReason.PayloadTooLarge,
            $"The body has {message.Payload.Length} bytes, more than the {options.MaxPayloadBytes} allowed (everest-site.everest-api.max-payload-size).");

    private EverestDecodeResult Reject(string topic, RejectionReason reason, string detail)
    {
        Interlocked.Increment(ref rejectedTotal);

        // Details quote what was received; an invented 60 kB topic must not reach the logs whole.
        detail = detail.Length <= MaxDetailLength ? detail : string.Concat(detail.AsSpan(0, MaxDetailLength), "…");
        var shortTopic = topic.Length <= MaxTopicKeyLength ? topic : string.Concat(topic.AsSpan(0, MaxTopicKeyLength), "…");
        var key = shortTopic;
        if (!trackedTopics.ContainsKey(key))
        {
            key = trackedTopics.Count < MaxTrackedTopics && trackedTopics.TryAdd(key, 0) || trackedTopics.ContainsKey(key) ? key : OtherTopics;
        }

        var count = rejections.AddOrUpdate((key, reason), 1, static (_, previous) => previous + 1);
        if (count == 1 && warnings.ShouldLog(reason.ToString(), out var heldBack))
        {
            LogFirstRejection(logger, shortTopic, reason, detail, heldBack);
        }
        else
        {
            LogRepeatedRejection(logger, shortTopic, reason, count, detail);
        }

        return EverestDecodeResult.Rejected(new EverestMessageRejection(shortTopic, reason, detail));
    }

    internal static bool IsDecodingFailure(Exception exception) =>
        exception is JsonException or InvalidOperationException or NotSupportedException or FormatException or OverflowException or ArgumentException;

    private static bool IsWellFormedJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a message on {Topic} ({Reason}): {Detail}. Further rejections on this topic for this reason are logged at debug level and counted; {HeldBack} first rejections on other topics for this reason were not logged since the last report.")]
    private static partial void LogFirstRejection(ILogger logger, string topic, RejectionReason reason, string detail, long heldBack);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected a message on {Topic} ({Reason}, {Count} so far): {Detail}")]
    private static partial void LogRepeatedRejection(ILogger logger, string topic, RejectionReason reason, long count, string detail);
}
