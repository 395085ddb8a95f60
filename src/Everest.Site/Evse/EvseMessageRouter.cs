using System.Collections.Concurrent;
using Akka.Actor;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Evse;

/// <summary>
/// Turns every <c>e2m</c> publication of the evse_manager_consumer instances into an <see cref="EvseEnvelope"/> for
/// the EVSE that owns the module id, told to the fleet: <see cref="EverestPublication"/>, or
/// <see cref="EverestPublicationRejected"/> when the payload does not decode. ocpp_consumer transaction events go
/// to every EVSE of that OCPP module as <see cref="OcppTransactionObserved"/>. Each topic is parsed once; the parse
/// travels on in the decoded message. Publications of module ids no EVSE is configured with are counted; a module id
/// seen for the first time is remembered (cut to <see cref="MaxUnknownModuleIdLength"/>, at most
/// <see cref="MaxRememberedUnknownModules"/> of them) and warned about through a <see cref="WarningThrottle"/>, so a
/// publisher inventing module ids costs one warning line per interval (saying how many were held back) and bounded
/// memory. Replies to our requests (topics with a correlation segment) are the API client's business. The markers the
/// EVSE actors send themselves through the broker (<see cref="MqttBrokerBarrier"/>) come back here and are told to
/// their EVSE as <see cref="BrokerBarrierPassed"/>, in order with the EVSE's publications. Not an actor: it runs on the transport's delivery thread and only tells.
/// </summary>
public sealed partial class EvseMessageRouter : IDisposable
{
    /// <summary>The ocpp_consumer publication that carries the CSMS transaction id of a session.</summary>
    public const string OcppTransactionEventOperation = "ocpp_transaction_event";

    /// <summary>How many distinct unknown module ids are remembered for the log-once rule (bounds memory against a noisy broker).</summary>
    public const int MaxRememberedUnknownModules = 1024;

    /// <summary>
    /// The longest unknown module id remembered and logged, in characters; a longer (invented) one is kept as its
    /// first this-many characters followed by '…', so remembered ids cost at most about
    /// <see cref="MaxRememberedUnknownModules"/> × this many characters.
    /// </summary>
    public const int MaxUnknownModuleIdLength = 128;

    /// <summary>The longest marker payload read: a nonce, a space and an EVSE id.</summary>
    private const int MaxBarrierPayloadBytes = 1024;

    /// <summary>The one <see cref="WarningThrottle"/> kind of this router: an unknown module id seen for the first time.</summary>
    private const string UnknownModuleWarning = "unknown-module";

    private readonly IMqttTransport _transport;
    private readonly IActorRef _fleet;
    private readonly EvseFleetPlan _plan;
    private readonly EverestMessageDecoder _decoder;
    private readonly ILogger<EvseMessageRouter> _logger;
    private readonly WarningThrottle _warnings;
    private readonly MqttBrokerBarrier? _barrier;
    private readonly ConcurrentDictionary<string, byte> _unknownModules = new(StringComparer.Ordinal);
    private IDisposable? _subscription;
    private long _unknownModuleMessages;
    private long _routed;

    /// <param name="time">The clock of the warning throttle (the system clock when none is given).</param>
    /// <param name="barrier">The markers to listen for and hand back to the EVSEs that sent them; none when null.</param>
    public EvseMessageRouter(
        IMqttTransport transport, IActorRef fleet, EvseFleetPlan plan, EverestMessageDecoder decoder, ILogger<EvseMessageRouter> logger, TimeProvider? time = null, MqttBrokerBarrier? barrier = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(logger);
        _transport = transport;
        _fleet = fleet;
        _plan = plan;
        _decoder = decoder;
        _logger = logger;
        _warnings = new WarningThrottle(time ?? TimeProvider.System);
        _barrier = barrier;
    }

    /// <summary>
    /// The topic filters the router subscribes to (OCPP transaction events only when an EVSE has an ocpp-module-id, the
    /// marker topic only with a barrier).
    /// </summary>
    public IReadOnlyList<string> Filters =>
    [
        EverestTopic.PublicationFilter(EverestApiType.EvseManagerConsumer),
        .. _plan.EvseIdsByOcppModuleId.Count > 0 ? [EverestTopic.PublicationFilter(EverestApiType.OcppConsumer, OcppTransactionEventOperation)] : Array.Empty<string>(),
        .. _barrier is null ? Array.Empty<string>() : [_barrier.Topic],
    ];

    /// <summary>Publications told to the fleet (decoded or rejected; an OCPP event once per EVSE it went to).</summary>
    public long Routed => Interlocked.Read(ref _routed);

    /// <summary>Publications of module ids that no configured EVSE has.</summary>
    public long UnknownModuleMessages => Interlocked.Read(ref _unknownModuleMessages);

    /// <summary>The unknown module ids seen so far (up to <see cref="MaxRememberedUnknownModules"/>, each cut to <see cref="MaxUnknownModuleIdLength"/>).</summary>
    public IReadOnlyCollection<string> UnknownModuleIds => [.. _unknownModules.Keys];

    /// <summary>Starts listening and subscribes to <see cref="Filters"/>.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_subscription is not null)
        {
            throw new InvalidOperationException("The EVSE message router is already started.");
        }

        _subscription = _transport.OnMessage((message, delivery) => Route(message, delivery));
        foreach (var filter in Filters)
        {
            await _transport.SubscribeAsync(filter, MqttQos.AtLeastOnce, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Routes one MQTT message that needs no acknowledgement of ours; see <see cref="Route(MqttMessage, MqttDelivery)"/>.</summary>
    public void Route(MqttMessage message) => Route(message, MqttDelivery.Immediate);

    /// <summary>
    /// Routes one MQTT message; anything that is not a publication for an EVSE is ignored. The broker's
    /// acknowledgement of a billable message (a decoded session_event, an ocpp_transaction_event) is deferred to the
    /// EVSE's inbox, which acknowledges it once the EVSE actor stored what it caused.
    /// </summary>
    public void Route(MqttMessage message, MqttDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivery);
        if (_barrier is not null && string.Equals(message.Topic, _barrier.Topic, StringComparison.Ordinal))
        {
            RouteBarrier(message);
            return;
        }

        if (!EverestTopic.TryParse(message.Topic, out var topic)
            || topic.Direction != MessageDirection.EverestToModule
            || topic.CorrelationId is not null)
        {
            return;
        }

        switch (topic.Api)
        {
            case EverestApiType.EvseManagerConsumer:
                RouteEvsePublication(message, topic, delivery);
                break;
            case EverestApiType.OcppConsumer when topic.Operation == OcppTransactionEventOperation:
                RouteOcppTransactionEvent(message, topic, delivery);
                break;
        }
    }

    private void RouteEvsePublication(MqttMessage message, EverestTopic topic, MqttDelivery delivery)
    {
        if (!_plan.EvseIdByModuleId.TryGetValue(topic.ModuleId, out var evseId))
        {
            OnUnknownModule(topic.ModuleId, message.Topic);
            return;
        }

        var decoded = _decoder.Decode(message, topic);
        Interlocked.Increment(ref _routed);
        if (!decoded.IsSuccess)
        {
            _fleet.Tell(new EvseEnvelope(evseId, new EverestPublicationRejected(message.Topic, $"{decoded.Rejection.Reason}: {decoded.Rejection.Detail}")));
            return;
        }

        // Only what billing depends on waits for the store; telemetry is acknowledged at once (it may be dropped anyway).
        var publication = decoded.Message.Payload is SessionEvent && delivery.IsDeferrable
            ? new EverestPublication(decoded.Message) { BrokerAcknowledgement = delivery.Defer() }
            : new EverestPublication(decoded.Message);
        _fleet.Tell(new EvseEnvelope(evseId, publication));
    }

    private void RouteBarrier(MqttMessage message)
    {
        // Anyone may publish here; what is not one of our markers for a configured EVSE is ignored, and a stray nonce
        // is ignored by the EVSE actor, which only waits for the one it sent.
        if (message.Payload.Length <= MaxBarrierPayloadBytes
            && MqttBrokerBarrier.TryRead(message.Payload.Span, out var evseId, out var nonce)
            && _plan.Contains(evseId))
        {
            _fleet.Tell(new EvseEnvelope(evseId, new BrokerBarrierPassed(nonce)));
        }
    }

    private void OnUnknownModule(string moduleId, string fullTopic)
    {
        var total = Interlocked.Increment(ref _unknownModuleMessages);
        var shortId = Shorten(moduleId, MaxUnknownModuleIdLength);
        if (_unknownModules.ContainsKey(shortId))
        {
            return;
        }

        // Once the memory is full, every unremembered id counts as new; the throttle still keeps the lines bounded.
        if (_unknownModules.Count < MaxRememberedUnknownModules && !_unknownModules.TryAdd(shortId, 0))
        {
            return;
        }

        if (_warnings.ShouldLog(UnknownModuleWarning, out var heldBack))
        {
            LogUnknownModule(_logger, shortId, Shorten(fullTopic, EverestMessageDecoder.MaxTopicKeyLength), heldBack, total);
        }
    }

    private static string Shorten(string text, int maximum) =>
        text.Length <= maximum ? text : string.Concat(text.AsSpan(0, maximum), "…");

    private void RouteOcppTransactionEvent(MqttMessage message, EverestTopic topic, MqttDelivery delivery)
    {
        if (!_plan.EvseIdsByOcppModuleId.TryGetValue(topic.ModuleId, out var evseIds))
        {
            return;
        }

        // Undecodable OCPP events are counted and logged by the decoder; no single EVSE owns them.
        var decoded = _decoder.Decode(message, topic);
        if (decoded.IsSuccess && decoded.Message.Payload is OcppTransactionEvent transactionEvent)
        {
            foreach (var evseId in evseIds)
            {
                Interlocked.Increment(ref _routed);
                _fleet.Tell(new EvseEnvelope(evseId, new OcppTransactionObserved(transactionEvent) { BrokerAcknowledgement = delivery.IsDeferrable ? delivery.Defer() : null }));
            }
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publications of evse_manager_consumer module {ModuleId} are ignored: no EVSE is configured with that module-id (first on {Topic}; further ones are only counted). {HeldBack} other new unknown module ids were held back since the previous such line; {UnknownModuleMessages} publications of unknown modules so far")]
    private static partial void LogUnknownModule(ILogger logger, string moduleId, string topic, long heldBack, long unknownModuleMessages);
}
