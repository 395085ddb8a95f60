using Akka.Actor;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;

namespace Everest.Site.Site;

/// <summary>
/// Hands the CSMS's composite schedules (ocpp_consumer <c>e2m/charging_schedules</c>) of every charger with an
/// <c>ocpp-module-id</c> to the site actor as <see cref="CsmsSchedulesReceived"/>, when
/// <c>grid.use-csms-schedules</c> is on. Undecodable payloads are counted and logged by the decoder; publications
/// of other OCPP modules are ignored. Not an actor: it runs on the transport's delivery thread and only tells.
/// </summary>
public sealed class CsmsScheduleListener : IDisposable
{
    /// <summary>The ocpp_consumer publication that carries the CSMS's schedules.</summary>
    public const string Operation = "charging_schedules";

    private readonly IMqttTransport _transport;
    private readonly IActorRef _site;
    private readonly EverestMessageDecoder _decoder;
    private readonly IReadOnlyDictionary<string, string> _stationByOcppModule;
    private IDisposable? _subscription;

    public CsmsScheduleListener(IMqttTransport transport, IActorRef site, EverestMessageDecoder decoder, EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(options);
        _transport = transport;
        _site = site;
        _decoder = decoder;

        // A charger's EVSEs name its one OCPP module; the first EVSE that names a module decides its charger.
        var stations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var charger in options.Chargers)
        {
            foreach (var module in charger.Evses.Select(e => e.OcppModuleId).OfType<string>())
            {
                stations.TryAdd(module, charger.Id);
            }
        }

        _stationByOcppModule = stations;
    }

    /// <summary>Whether any charger has an OCPP module to listen to.</summary>
    public bool HasStations => _stationByOcppModule.Count > 0;

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_subscription is not null)
        {
            throw new InvalidOperationException("The CSMS schedule listener is already started.");
        }

        _subscription = _transport.OnMessage(Route);
        await _transport.SubscribeAsync(EverestTopic.PublicationFilter(EverestApiType.OcppConsumer, Operation), MqttQos.AtLeastOnce, ct).ConfigureAwait(false);
    }

    /// <summary>Tells the site the schedules of a known charger; anything else is ignored.</summary>
    public void Route(MqttMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!EverestTopic.TryParse(message.Topic, out var topic)
            || topic.Api != EverestApiType.OcppConsumer
            || topic.Direction != MessageDirection.EverestToModule
            || topic.CorrelationId is not null
            || topic.Operation != Operation
            || !_stationByOcppModule.TryGetValue(topic.ModuleId, out var stationId))
        {
            return;
        }

        var decoded = _decoder.Decode(message, topic);
        if (decoded.IsSuccess && decoded.Message.Payload is ChargingSchedules schedules)
        {
            _site.Tell(new CsmsSchedulesReceived(stationId, schedules));
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }
}
