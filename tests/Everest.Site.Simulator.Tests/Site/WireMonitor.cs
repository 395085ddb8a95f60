using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Everest.Site.Testing.Contract;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Tests.Site;

/// <summary>
/// Listens to everything on <c>everest_api/#</c> like a broker-side observer: keeps every message for schema
/// validation, and tracks what a controller would track from the wire (session states, AuthRequired events).
/// </summary>
internal sealed class WireMonitor
{
    private readonly ConcurrentQueue<MqttMessage> _messages = new();
    private readonly Lock _gate = new();
    private long _count;
    private (long Target, TaskCompletionSource Reached)? _waiter;

    public ConcurrentQueue<string> AuthRequiredModules { get; } = new();

    public ConcurrentDictionary<string, string> StateByModule { get; } = new(StringComparer.Ordinal);

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Completes once at least <paramref name="target"/> messages have arrived (signalled, not polled).</summary>
    public async Task WaitForCountAsync(long target, string what)
    {
        TaskCompletionSource reached;
        lock (_gate)
        {
            if (_count >= target)
            {
                return;
            }

            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = (target, reached);
        }

        try
        {
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}: {Count} of {target} messages arrived.");
        }
    }

    public IReadOnlyCollection<MqttMessage> Messages => _messages;

    public void OnMessage(MqttMessage message)
    {
        _messages.Enqueue(message);
        lock (_gate)
        {
            _count++;
            if (_waiter is { } waiter && _count >= waiter.Target)
            {
                _waiter = null;
                waiter.Reached.SetResult();
            }
        }

        if (!EverestTopic.TryParse(message.Topic, out var topic) || topic.Api != EverestApiType.EvseManagerConsumer || topic.CorrelationId is not null)
        {
            return;
        }

        if (topic.Operation == "session_info")
        {
            StateByModule[topic.ModuleId] = EverestJson.Decode<Wire.SessionInfo>(message.Payload.Span).State.Value!;
        }
        else if (topic.Operation == "session_event" && EverestJson.Decode<Wire.SessionEvent>(message.Payload.Span) is { } sessionEvent)
        {
            if (sessionEvent.Event.Value == "AuthRequired")
            {
                AuthRequiredModules.Enqueue(topic.ModuleId);
            }
        }
    }

    public IReadOnlyList<string> ModulesIn(string state) => [.. StateByModule.Where(kv => kv.Value == state).Select(kv => kv.Key).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Validates every message against the spec schemas and returns the problems, plus which operations flowed:
    /// <c>{api}/{dir}/{op}</c> for messages and <c>{api}/reply/{op}</c> for replies.
    /// </summary>
    public (IReadOnlyList<string> Problems, IReadOnlySet<string> Flowed) Validate(EverestApiSpecSet specs)
    {
        var problems = new List<string>();
        var flowed = new HashSet<string>(StringComparer.Ordinal);
        var replyOperations = new Dictionary<string, (string Api, string Operation)>(StringComparer.Ordinal);
        foreach (var message in _messages)
        {
            if (!EverestTopic.TryParse(message.Topic, out var topic, out var topicError))
            {
                problems.Add(topicError);
                continue;
            }

            JsonNode? node;
            try
            {
                node = message.Payload.IsEmpty ? null : JsonNode.Parse(message.Payload.Span);
            }
            catch (JsonException exception)
            {
                problems.Add($"{message.Topic}: not JSON ({exception.Message})");
                continue;
            }

            var api = topic.Api.ToWireName();
            var direction = EverestTopic.DirectionSegment(topic.Direction);
            IReadOnlyList<string> errors;
            if (topic.CorrelationId is null)
            {
                var operation = specs.Get(api).Operations.FirstOrDefault(o => o.Name == topic.Operation && o.Direction == direction);
                if (operation is null)
                {
                    problems.Add($"{message.Topic}: the spec has no {direction}/{topic.Operation}");
                    continue;
                }

                flowed.Add($"{api}/{direction}/{topic.Operation}");
                errors = specs.Validator.Validate(api, topic.Operation, node);
                if (operation.HasReply && node?["headers"]?["replyTo"]?.GetValue<string>() is { } replyTo)
                {
                    replyOperations[replyTo] = (api, topic.Operation);
                }
            }
            else if (replyOperations.TryGetValue(message.Topic, out var request))
            {
                flowed.Add($"{request.Api}/reply/{request.Operation}");
                errors = specs.Validator.ValidateReply(request.Api, request.Operation, node);
            }
            else
            {
                problems.Add($"{message.Topic}: a reply to no request seen");
                continue;
            }

            problems.AddRange(errors.Select(e => $"{message.Topic}: {e}"));
        }

        return (problems, flowed);
    }
}
