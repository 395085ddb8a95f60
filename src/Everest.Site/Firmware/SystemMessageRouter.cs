using System.Text.Json;
using Akka.Actor;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Firmware;

/// <summary>
/// Hands what EVerest publishes on each charger's system API without expecting an answer — <c>heartbeat</c>,
/// <c>reset</c> and <c>allow_firmware_installation</c> — to that charger's system actor. (EVerest's requests are
/// answered through <see cref="SystemRequestHandlers"/>.) A <c>reset</c> that does not decode is dropped with a
/// rate-limited warning. Not an actor: it runs on the transport's delivery thread and only tells.
/// </summary>
public sealed partial class SystemMessageRouter : IDisposable
{
    private static readonly string[] Operations = ["heartbeat", "reset", "allow_firmware_installation"];

    private readonly IMqttTransport _transport;
    private readonly IActorRef _firmware;
    private readonly Dictionary<string, string> _chargerByModule;
    private readonly ILogger _logger;
    private readonly WarningThrottle _warnings;
    private IDisposable? _subscription;

    public SystemMessageRouter(IMqttTransport transport, IActorRef firmware, IReadOnlyList<SystemChargerPlan> chargers, ILogger<SystemMessageRouter> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(firmware);
        ArgumentNullException.ThrowIfNull(chargers);
        ArgumentNullException.ThrowIfNull(logger);
        _transport = transport;
        _firmware = firmware;
        _chargerByModule = chargers.ToDictionary(c => c.SystemModuleId, c => c.ChargerId, StringComparer.Ordinal);
        _logger = logger;
        _warnings = new WarningThrottle(time ?? TimeProvider.System);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _subscription = _transport.OnMessage(OnMessage);
        foreach (var moduleId in _chargerByModule.Keys)
        {
            foreach (var operation in Operations)
            {
                await _transport.SubscribeAsync(EverestTopic.FromEverest(EverestApiType.System, moduleId, operation).ToString(), MqttQos.AtLeastOnce, cancellationToken);
            }
        }
    }

    public void Dispose() => _subscription?.Dispose();

    private void OnMessage(MqttMessage message)
    {
        if (!EverestTopic.TryParse(message.Topic, out var topic)
            || topic.Api != EverestApiType.System
            || topic.Direction != MessageDirection.EverestToModule
            || topic.CorrelationId is not null
            || !_chargerByModule.TryGetValue(topic.ModuleId, out var chargerId))
        {
            return;
        }

        object? forCharger = topic.Operation switch
        {
            "heartbeat" => DecodeHeartbeat(message, chargerId),
            "allow_firmware_installation" => AllowFirmwareInstallation.Instance,
            "reset" => DecodeReset(message, chargerId),
            _ => null,
        };
        if (forCharger is not null)
        {
            _firmware.Tell(new SystemEnvelope(chargerId, forCharger));
        }
    }

    /// <summary>The heartbeat's counter tells whether EVerest restarted (it counts from 0 again), e.g. after an installation.</summary>
    private SystemHeartbeat? DecodeHeartbeat(MqttMessage message, string chargerId)
    {
        try
        {
            return new SystemHeartbeat(EverestJson.Decode<ulong>(message.Payload.Span));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            if (_warnings.ShouldLog("heartbeat", out var heldBack))
            {
                LogBadHeartbeat(_logger, chargerId, e.Message, heldBack);
            }

            return null;
        }
    }

    private ResetCharger? DecodeReset(MqttMessage message, string chargerId)
    {
        try
        {
            return new ResetCharger(message.Payload.Length == 0 ? new ResetRequest() : EverestJson.Decode<ResetRequest>(message.Payload.Span));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            if (_warnings.ShouldLog("reset", out var heldBack))
            {
                LogBadReset(_logger, chargerId, e.Message, heldBack);
            }

            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A system heartbeat for charger {ChargerId} does not decode ({Reason}) and was dropped ({HeldBack} more since the last report)")]
    private static partial void LogBadHeartbeat(ILogger logger, string chargerId, string reason, long heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reset for charger {ChargerId} does not decode ({Reason}) and was dropped ({HeldBack} more since the last report)")]
    private static partial void LogBadReset(ILogger logger, string chargerId, string reason, long heldBack);
}
