using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// Plays one EVSE's evse_manager_consumer (and external_energy_limits_consumer) module on the broker, driven
/// by the test step by step: it publishes exactly what the test tells it to, answers requests as configured
/// (or not at all), and records every message the controller sent.
/// </summary>
public sealed class FakeEverest : IAsyncDisposable
{
    private readonly IMqttTransport _transport;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, JsonElement?> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedCommand> _received = new();
    private IDisposable? _subscription;
    private ulong _heartbeat;

    public FakeEverest(IMqttTransport transport, string moduleId, string? limitsModuleId, TimeProvider time)
    {
        _transport = transport;
        ModuleId = moduleId;
        LimitsModuleId = limitsModuleId;
        _time = time;

        // EvseManager's usual answers; a test replaces them with Answer or removes them with DoNotAnswer.
        foreach (var operation in new[] { "pause_charging", "resume_charging", "stop_transaction", "force_unlock", "reserve", "external_ready_to_start_charging", "enable_disable" })
        {
            Answer(operation, true);
        }

        Answer("get_evse", new Everest.Site.EverestApi.Messages.Evse(1, [new Connector(1)]));
    }

    public string ModuleId { get; }

    public string? LimitsModuleId { get; }

    /// <summary>Every message the controller published to this EVSE's modules, in arrival order.</summary>
    public IReadOnlyList<ReceivedCommand> Received => [.. _received];

    public async Task StartAsync()
    {
        await _transport.ConnectAsync();
        _subscription = _transport.OnMessage(OnMessage);
        await _transport.SubscribeAsync($"{EverestTopic.Prefix(EverestApiType.EvseManagerConsumer, ModuleId)}/m2e/+");
        if (LimitsModuleId is not null)
        {
            await _transport.SubscribeAsync($"{EverestTopic.Prefix(EverestApiType.ExternalEnergyLimitsConsumer, LimitsModuleId)}/m2e/+");
        }
    }

    /// <summary>Answers every later request of <paramref name="operation"/> with <paramref name="reply"/>.</summary>
    public void Answer<T>(string operation, T reply) => _answers[operation] = JsonSerializer.Deserialize<JsonElement>(EverestJson.Encode(reply));

    /// <summary>Leaves every later request of <paramref name="operation"/> unanswered (as EVerest does with what it cannot parse).</summary>
    public void DoNotAnswer(string operation) => _answers.TryRemove(operation, out _);

    public int CountReceived(string operation) => _received.Count(r => r.Operation == operation);

    public Task HeartbeatAsync() => PublishAsync("heartbeat", _heartbeat++);

    /// <summary>Publishes <paramref name="payload"/> on the EVSE's <c>e2m/{operation}</c> topic, encoded as EVerest does.</summary>
    public Task PublishAsync<T>(string operation, T payload) => PublishRawAsync(operation, EverestJson.Encode(payload));

    public Task PublishRawAsync(string operation, byte[] body) =>
        _transport.PublishAsync(new MqttMessage(EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, ModuleId, operation).ToString(), body, MqttQos.AtLeastOnce));

    public Task PublishRawAsync(string operation, string body) => PublishRawAsync(operation, Encoding.UTF8.GetBytes(body));

    /// <summary>Publishes an ocpp_consumer transaction event of the charger's OCPP module.</summary>
    public Task OcppTransactionEventAsync(string ocppModuleId, OcppTransactionEvent transactionEvent) =>
        _transport.PublishAsync(new MqttMessage(
            EverestTopic.FromEverest(EverestApiType.OcppConsumer, ocppModuleId, "ocpp_transaction_event").ToString(),
            EverestJson.Encode(transactionEvent),
            MqttQos.AtLeastOnce));

    public Task SessionEventAsync(string uuid, SessionEventType type, Func<SessionEvent, SessionEvent>? details = null)
    {
        var sessionEvent = new SessionEvent(uuid, type, _time.GetUtcNow(), ConnectorId: 1);
        return PublishAsync("session_event", details is null ? sessionEvent : details(sessionEvent));
    }

    public static Powermeter Meter(DateTimeOffset at, double importedWh, double currentA = 0) =>
        new(at, new PhaseValues(Total: importedWh), CurrentA: new CurrentValues(L1: currentA, L2: currentA, L3: currentA), PowerW: new PhaseValues(Total: currentA * 230 * 3));

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _transport.DisposeAsync();
    }

    private void OnMessage(MqttMessage message)
    {
        if (!EverestTopic.TryParse(message.Topic, out var topic) || topic.Direction != MessageDirection.ModuleToEverest)
        {
            return;
        }

        var body = message.Payload.Span;
        if (EverestJson.TryReadEnvelope(body, out var replyTo, out var payload, out _))
        {
            _received.Enqueue(new ReceivedCommand(topic.Api, topic.Operation, payload?.GetRawText()));
            if (_answers.TryGetValue(topic.Operation, out var answer) && answer is { } value)
            {
                _ = _transport.PublishAsync(new MqttMessage(replyTo, Encoding.UTF8.GetBytes(value.GetRawText()), MqttQos.AtLeastOnce));
            }

            return;
        }

        _received.Enqueue(new ReceivedCommand(topic.Api, topic.Operation, body.Length == 0 ? null : Encoding.UTF8.GetString(body)));
    }
}
