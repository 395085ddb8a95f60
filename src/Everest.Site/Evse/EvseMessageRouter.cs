using System.Collections.Concurrent;
using Everest.Site.Actors;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Evse;

/// <summary>
/// Turns every <c>e2m</c> publication of the evse_manager_consumer instances into a typed message for the EVSE
/// actor that owns the module id: <see cref="EverestPublication"/>, or <see cref="EverestPublicationRejected"/>
/// when the payload does not decode. Publications of module ids no EVSE is configured with are counted and
/// logged once per module id. Replies to our requests (topics with a correlation segment) are the API client's
/// business and are left alone.
/// </summary>
public sealed partial class EvseMessageRouter : IDisposable
{
    /// <summary>Every publication of every evse_manager_consumer instance (not the replies, which have one more level).</summary>
    public const string SubscriptionFilter = "everest_api/1/evse_manager_consumer/+/e2m/+";

    /// <summary>The ocpp_consumer transaction events, which carry the CSMS transaction id of a session.</summary>
    public const string OcppTransactionEventFilter = "everest_api/1/ocpp_consumer/+/e2m/ocpp_transaction_event";

    /// <summary>How many distinct unknown module ids are remembered for the log-once rule (bounds memory against a noisy broker).</summary>
    public const int MaxRememberedUnknownModules = 1024;

    private readonly IMqttTransport _transport;
    private readonly IReadOnlyDictionary<string, IActorRef> _actorsByModuleId;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<IActorRef>>? _actorsByOcppModuleId;
    private readonly EverestMessageDecoder _decoder;
    private readonly ILogger<EvseMessageRouter> _logger;
    private readonly ConcurrentDictionary<string, byte> _unknownModules = new(StringComparer.Ordinal);
    private IDisposable? _subscription;
    private long _unknownModuleMessages;
    private long _routed;

    /// <param name="actorsByOcppModuleId">The EVSE actors of each charger's ocpp_consumer instance; null when no charger has one (then OCPP events are not subscribed to).</param>
    public EvseMessageRouter(
        IMqttTransport transport,
        IReadOnlyDictionary<string, IActorRef> actorsByModuleId,
        EverestMessageDecoder decoder,
        ILogger<EvseMessageRouter> logger,
        IReadOnlyDictionary<string, IReadOnlyList<IActorRef>>? actorsByOcppModuleId = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(actorsByModuleId);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(logger);
        _transport = transport;
        _actorsByModuleId = actorsByModuleId;
        _decoder = decoder;
        _logger = logger;
        _actorsByOcppModuleId = actorsByOcppModuleId;
    }

    /// <summary>Publications that reached an EVSE actor (decoded or rejected).</summary>
    public long Routed => Interlocked.Read(ref _routed);

    /// <summary>Publications of module ids that no configured EVSE has.</summary>
    public long UnknownModuleMessages => Interlocked.Read(ref _unknownModuleMessages);

    /// <summary>The unknown module ids seen so far (up to <see cref="MaxRememberedUnknownModules"/>).</summary>
    public IReadOnlyCollection<string> UnknownModuleIds => [.. _unknownModules.Keys];

    /// <summary>Starts listening and subscribes to <see cref="SubscriptionFilter"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_subscription is not null)
        {
            throw new InvalidOperationException("The EVSE message router is already started.");
        }

        _subscription = _transport.OnMessage(Route);
        await _transport.SubscribeAsync(SubscriptionFilter, MqttQos.AtLeastOnce, cancellationToken).ConfigureAwait(false);
        if (_actorsByOcppModuleId is not null)
        {
            await _transport.SubscribeAsync(OcppTransactionEventFilter, MqttQos.AtLeastOnce, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Routes one MQTT message; anything that is not an evse_manager_consumer publication is ignored.</summary>
    public void Route(MqttMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!EverestTopic.TryParse(message.Topic, out var topic)
            || topic.Direction != MessageDirection.EverestToModule
            || topic.CorrelationId is not null)
        {
            return;
        }

        if (topic.Api == EverestApiType.OcppConsumer && topic.Operation == "ocpp_transaction_event")
        {
            RouteOcppTransactionEvent(message, topic);
            return;
        }

        if (topic.Api != EverestApiType.EvseManagerConsumer)
        {
            return;
        }

        if (!_actorsByModuleId.TryGetValue(topic.ModuleId, out var evse))
        {
            Interlocked.Increment(ref _unknownModuleMessages);
            if (_unknownModules.Count < MaxRememberedUnknownModules && _unknownModules.TryAdd(topic.ModuleId, 0))
            {
                LogUnknownModule(_logger, topic.ModuleId, message.Topic);
            }

            return;
        }

        var decoded = _decoder.Decode(message);
        Interlocked.Increment(ref _routed);
        evse.Tell(decoded.IsSuccess
            ? new EverestPublication(decoded.Message)
            : new EverestPublicationRejected(message.Topic, $"{decoded.Rejection.Reason}: {decoded.Rejection.Detail}"));
    }

    private void RouteOcppTransactionEvent(MqttMessage message, EverestTopic topic)
    {
        if (_actorsByOcppModuleId is null || !_actorsByOcppModuleId.TryGetValue(topic.ModuleId, out var evses))
        {
            return;
        }

        // Undecodable OCPP events are counted and logged by the decoder; no single EVSE owns them.
        var decoded = _decoder.Decode(message);
        if (decoded.IsSuccess && decoded.Message.Payload is OcppTransactionEvent transactionEvent)
        {
            Interlocked.Increment(ref _routed);
            foreach (var evse in evses)
            {
                evse.Tell(new OcppTransactionObserved(transactionEvent));
            }
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publications of evse_manager_consumer module {ModuleId} are ignored: no EVSE is configured with that module-id (first on {Topic}; further ones are only counted)")]
    private static partial void LogUnknownModule(ILogger logger, string moduleId, string topic);
}
