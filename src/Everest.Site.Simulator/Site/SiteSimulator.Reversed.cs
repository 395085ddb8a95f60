using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Everest.Site.Simulator.GroundTruth;
using Microsoft.Extensions.Logging;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Site;

/// <summary>
/// The EVerest side of the system API (and ocpp_consumer's <c>data_transfer_incoming</c>): the simulated
/// EVerest asks the controller, with <c>replyTo</c> <c>everest_api/1/{api}/{id}/m2e/reply/{uuid}</c>, and
/// records what comes back. Tests and scripts call these; they are safe from any thread.
/// </summary>
public sealed partial class SiteSimulator
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(MqttMessage Message, DateTimeOffset At)>> _pendingReversed = new(StringComparer.Ordinal);

    public Task<ReversedReply<Wire.UpdateFirmwareResponse>> RequestUpdateFirmwareAsync(string chargerId, Wire.FirmwareUpdateRequest request, CancellationToken cancellationToken = default) =>
        AskControllerAsync<Wire.UpdateFirmwareResponse>(EverestApiType.System, Charger(chargerId).SystemModuleId, "update_firmware", request, cancellationToken);

    public Task<ReversedReply<Wire.UploadLogsResponse>> RequestUploadLogsAsync(string chargerId, Wire.UploadLogsRequest request, CancellationToken cancellationToken = default) =>
        AskControllerAsync<Wire.UploadLogsResponse>(EverestApiType.System, Charger(chargerId).SystemModuleId, "upload_logs", request, cancellationToken);

    public Task<ReversedReply<bool>> AskIsResetAllowedAsync(string chargerId, Wire.ResetType type, CancellationToken cancellationToken = default) =>
        AskControllerAsync<bool>(EverestApiType.System, Charger(chargerId).SystemModuleId, "is_reset_allowed", type, cancellationToken);

    public Task<ReversedReply<bool>> RequestSetSystemTimeAsync(string chargerId, DateTimeOffset time, CancellationToken cancellationToken = default) =>
        AskControllerAsync<bool>(EverestApiType.System, Charger(chargerId).SystemModuleId, "set_system_time", time, cancellationToken);

    public Task<ReversedReply<Wire.BootReason>> AskBootReasonAsync(string chargerId, CancellationToken cancellationToken = default) =>
        AskControllerAsync<Wire.BootReason>(EverestApiType.System, Charger(chargerId).SystemModuleId, "get_boot_reason", null, cancellationToken);

    public Task<ReversedReply<Wire.DataTransferResponse>> RequestDataTransferAsync(string chargerId, Wire.DataTransferRequest request, CancellationToken cancellationToken = default) =>
        AskControllerAsync<Wire.DataTransferResponse>(EverestApiType.OcppConsumer, Charger(chargerId).OcppModuleId, "data_transfer_incoming", request, cancellationToken);

    /// <summary>EVerest's <c>reset</c>: a notification, no reply.</summary>
    public Task NotifyResetAsync(string chargerId, Wire.ResetRequest request, CancellationToken cancellationToken = default) =>
        NotifyControllerAsync(Charger(chargerId).SystemModuleId, "reset", EverestJson.Encode(request), cancellationToken);

    /// <summary>EVerest's <c>allow_firmware_installation</c>: a notification whose payload is empty (not JSON).</summary>
    public Task NotifyAllowFirmwareInstallationAsync(string chargerId, CancellationToken cancellationToken = default) =>
        NotifyControllerAsync(Charger(chargerId).SystemModuleId, "allow_firmware_installation", [], cancellationToken);

    /// <summary>Sends any reversed request of the contract and waits for the controller's answer (or the timeout).</summary>
    public async Task<ReversedReply<T>> AskControllerAsync<T>(EverestApiType api, string moduleId, string operation, object? payload, CancellationToken cancellationToken = default)
    {
        var descriptor = EverestApiContract.Get(api, operation);
        if (descriptor.Kind != OperationKind.ReversedRequest)
        {
            throw new ArgumentException($"{descriptor} is not a request EVerest sends to the module.", nameof(operation));
        }

        var correlationId = Guid.NewGuid().ToString();
        var replyTo = new EverestTopic(api, moduleId, MessageDirection.ModuleToEverest, EverestTopic.ReplyOperation, correlationId).ToString();
        var body = EverestJson.EncodeRequest(replyTo, payload, descriptor.PayloadType);
        var pending = new TaskCompletionSource<(MqttMessage Message, DateTimeOffset At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingReversed[correlationId] = pending;
        var sent = new ReversedRequestRecord(_time.GetUtcNow(), api.ToWireName(), moduleId, operation, Encoding.UTF8.GetString(body), replyTo);
        GroundTruth.Add(sent);
        GroundTruth.CountPublished($"{api.ToWireName()}/e2m/{operation}");
        try
        {
            await _transport.PublishAsync(new MqttMessage(EverestTopic.FromEverest(api, moduleId, operation).ToString(), body, MqttQos.AtLeastOnce), cancellationToken);
            var (reply, at) = await pending.Task.WaitAsync(_options.ReversedRequestTimeout, _wallClock, cancellationToken);
            var text = Encoding.UTF8.GetString(reply.Payload.Span);
            GroundTruth.Replace(sent, sent with { Reply = text, RepliedAt = at });
            try
            {
                return new ReversedReply<T>(true, (T?)EverestJson.Decode(reply.Payload.Span, descriptor.ReplyType!), sent with { Reply = text, RepliedAt = at });
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException)
            {
                _logger.LogWarning("The controller answered {Operation} with {Reply}, which is not a {Type}", operation, text, descriptor.ReplyType!.Name);
                return new ReversedReply<T>(false, default, sent with { Reply = text, RepliedAt = at });
            }
        }
        catch (TimeoutException)
        {
            GroundTruth.Replace(sent, sent with { TimedOut = true });
            _logger.LogWarning("The controller did not answer {Operation} on {ModuleId} within {Timeout}", operation, moduleId, _options.ReversedRequestTimeout);
            return new ReversedReply<T>(false, default, sent with { TimedOut = true });
        }
        finally
        {
            _pendingReversed.TryRemove(correlationId, out _);
        }
    }

    private async Task NotifyControllerAsync(string moduleId, string operation, byte[] body, CancellationToken cancellationToken)
    {
        var descriptor = EverestApiContract.Get(EverestApiType.System, operation);
        GroundTruth.Add(new ReversedRequestRecord(_time.GetUtcNow(), descriptor.Api.ToWireName(), moduleId, operation, Encoding.UTF8.GetString(body), ReplyTo: null));
        GroundTruth.CountPublished($"{descriptor.Api.ToWireName()}/e2m/{operation}");
        await _transport.PublishAsync(new MqttMessage(EverestTopic.FromEverest(descriptor.Api, moduleId, operation).ToString(), body, MqttQos.AtLeastOnce), cancellationToken);
    }

    private void CompleteReversedRequest(string correlationId, MqttMessage message, DateTimeOffset now)
    {
        if (_pendingReversed.TryRemove(correlationId, out var pending))
        {
            pending.TrySetResult((message, now));
        }
        else
        {
            _logger.LogDebug("A reply on {Topic} matches no open request (late or duplicate)", message.Topic);
        }
    }

    private SimulatedChargerOptions Charger(string chargerId) =>
        _chargers.FirstOrDefault(c => c.Options.Id == chargerId)?.Options
            ?? throw new ArgumentException($"The simulator runs no charger '{chargerId}'.", nameof(chargerId));
}
