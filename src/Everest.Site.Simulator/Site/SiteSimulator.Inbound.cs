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
/// What the controller sends (<c>m2e</c>): requests answered on their <c>replyTo</c> with the bare JSON value,
/// fire-and-forget commands applied. Like EVerest, a request without <c>replyTo</c> or with a body that does
/// not decode gets no reply at all; the simulator records and counts it instead.
/// </summary>
public sealed partial class SiteSimulator
{
    private void OnMessage(MqttMessage message)
    {
        // Runs on the transport's thread: only hand over; the loop does the work in arrival order.
        if (!_work.Writer.TryWrite(() =>
        {
            HandleInbound(message);
            return Task.CompletedTask;
        }))
        {
            _logger.LogDebug("Message on {Topic} arrived after the simulator stopped", message.Topic);
        }
    }

    private void HandleInbound(MqttMessage message)
    {
        if (!EverestTopic.TryParse(message.Topic, out var topic) || topic.Direction != MessageDirection.ModuleToEverest
            || !_instances.TryGetValue((topic.Api, topic.ModuleId), out var instance))
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (topic.Operation == EverestTopic.ReplyOperation && topic.CorrelationId is { } correlationId)
        {
            CompleteReversedRequest(correlationId, message, now);
            return;
        }

        var api = topic.Api.ToWireName();
        var text = Encoding.UTF8.GetString(message.Payload.Span);
        GroundTruth.CountReceived($"{api}/m2e/{topic.Operation}");
        if (topic.CorrelationId is not null || !EverestApiContract.TryFind(topic.Api, topic.Operation, out var operation)
            || operation.Direction != MessageDirection.ModuleToEverest)
        {
            Reject(new CommandRecord(now, api, instance.ModuleId, topic.Operation, text, CommandOutcome.DroppedUnknown, Error: "not an operation of this API"));
            return;
        }

        if (operation.Kind == OperationKind.Request)
        {
            HandleRequest(instance, operation, message.Payload, text, now);
        }
        else
        {
            HandleCommand(instance, operation, message.Payload, text, now);
        }
    }

    private void HandleRequest(ApiInstance instance, OperationDescriptor operation, ReadOnlyMemory<byte> body, string text, DateTimeOffset now)
    {
        var api = instance.Api.ToWireName();
        if (!EverestJson.TryReadEnvelope(body.Span, out var replyTo, out var payload, out var envelopeError))
        {
            var outcome = IsJsonObject(body.Span) ? CommandOutcome.DroppedNoReplyTo : CommandOutcome.DroppedUnparseable;
            Reject(new CommandRecord(now, api, instance.ModuleId, operation.Name, text, outcome, Error: envelopeError));
            return;
        }

        if (!MqttTopics.IsValidTopicName(replyTo))
        {
            Reject(new CommandRecord(now, api, instance.ModuleId, operation.Name, text, CommandOutcome.DroppedNoReplyTo, Error: $"replyTo '{replyTo}' is not a topic name"));
            return;
        }

        object? argument = null;
        if (operation.PayloadType is { } payloadType)
        {
            if (payload is not { } element)
            {
                Reject(new CommandRecord(now, api, instance.ModuleId, operation.Name, text, CommandOutcome.DroppedUnparseable, Error: "the request has no payload"));
                return;
            }

            if (!TryDecode(element, payloadType, out argument, out var decodeError))
            {
                Reject(new CommandRecord(now, api, instance.ModuleId, operation.Name, text, CommandOutcome.DroppedUnparseable, Error: decodeError));
                return;
            }
        }

        var reply = Answer(instance, operation.Name, argument, now);
        var replyBody = EverestJson.Encode(reply, operation.ReplyType!);
        Send(new MqttMessage(replyTo, replyBody, MqttQos.AtLeastOnce));
        GroundTruth.CountPublished($"{api}/reply/{operation.Name}");
        GroundTruth.Add(new CommandRecord(now, api, instance.ModuleId, operation.Name, text, CommandOutcome.Replied, Encoding.UTF8.GetString(replyBody)));
        PublishAffected(instance);
    }

    private void HandleCommand(ApiInstance instance, OperationDescriptor operation, ReadOnlyMemory<byte> body, string text, DateTimeOffset now)
    {
        var api = instance.Api.ToWireName();
        object? argument = null;
        if (operation.PayloadType is { } payloadType)
        {
            try
            {
                argument = EverestJson.Decode(body.Span, payloadType);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException)
            {
                Reject(new CommandRecord(now, api, instance.ModuleId, operation.Name, text, CommandOutcome.DroppedUnparseable, Error: exception.Message));
                return;
            }
        }

        Apply(instance, operation.Name, argument, now);
        GroundTruth.Add(new CommandRecord(now, api, instance.ModuleId, operation.Name, text, CommandOutcome.Applied));
        PublishAffected(instance);
    }

    /// <summary>The reply EVerest gives to a request (the value published on replyTo).</summary>
    private object Answer(ApiInstance instance, string operation, object? argument, DateTimeOffset now)
    {
        if (instance.Api == EverestApiType.OcppConsumer)
        {
            return AnswerOcpp(_chargersByModule[instance.ModuleId], operation, argument, now);
        }

        var evse = _evsesByModule[instance.ModuleId];
        var simulation = evse.Simulation;
        var hardware = evse.Options.Hardware;
        return operation switch
        {
            "get_evse" => new Wire.Evse(hardware.EvseNumber, [new Wire.Connector(1, Wire.ConnectorType.FromWire(hardware.ConnectorType))]),
            "enable_disable" when argument is Wire.EnableDisableRequest request =>
                WireMapping.FromSource(request.Source) is { } setting ? simulation.EnableDisable(request.ConnectorId, setting, now) : simulation.IsEnabled,
            "reserve" when argument is int reservationId => simulation.Reserve(reservationId, now),
            "pause_charging" => simulation.PauseCharging(now),
            "resume_charging" => simulation.ResumeCharging(now),
            "stop_transaction" when argument is Wire.StopTransactionRequest request =>
                simulation.StopTransaction(WireMapping.FromStopReason(request.Reason), request.IdTag is { } tag ? WireMapping.FromProvidedIdToken(tag) : null, now),
            "force_unlock" when argument is int connectorId => simulation.ForceUnlock(connectorId, now),
            "external_ready_to_start_charging" => simulation.ExternalReadyToStartCharging(now),
            _ => throw new InvalidOperationException($"No answer for {operation}."),
        };
    }

    private object AnswerOcpp(ChargerRuntime charger, string operation, object? argument, DateTimeOffset now)
    {
        switch (operation)
        {
            case "data_transfer_outgoing" when argument is Wire.DataTransferRequest request:
                return new Wire.DataTransferResponse(Wire.DataTransferStatus.FromWire("Accepted"), Data: $"received {request.MessageId ?? request.VendorId}");
            case "get_variables" when argument is Wire.GetVariableRequestList request:
                return new Wire.GetVariableResultList([.. request.Items.Select(item =>
                    charger.Variables.TryGetValue(Key(item.ComponentVariable), out var value)
                        ? new Wire.GetVariableResult(Wire.GetVariableStatus.FromWire("Accepted"), item.ComponentVariable, item.AttributeType, value)
                        : new Wire.GetVariableResult(Wire.GetVariableStatus.FromWire("UnknownVariable"), item.ComponentVariable, item.AttributeType))]);
            case "set_variables" when argument is Wire.SetVariablesArgs request:
                var results = new List<Wire.SetVariableResult>();
                foreach (var item in request.Variables.Items)
                {
                    var key = Key(item.ComponentVariable);
                    charger.Variables[key] = item.Value;
                    results.Add(new Wire.SetVariableResult(Wire.SetVariableStatus.FromWire("Accepted"), item.ComponentVariable, item.AttributeType));
                    if (charger.Monitored.Contains(key))
                    {
                        PublishEventData(charger, item.ComponentVariable, item.Value, now);
                    }
                }

                return new Wire.SetVariableResultList(results);
            default:
                throw new InvalidOperationException($"No answer for {operation}.");
        }
    }

    /// <summary>Applies a fire-and-forget command.</summary>
    private void Apply(ApiInstance instance, string operation, object? argument, DateTimeOffset now)
    {
        if (operation == EverestApiContract.CommunicationCheck && argument is bool keepSupervising)
        {
            if (instance.Supervisor.OnCheck(keepSupervising, _wallClock.GetUtcNow()) == CommunicationFaultChange.Cleared)
            {
                // At the level of its "raised" line: whoever was shown the fault must be shown that it is gone. The fault
                // every instance starts with (no check received yet) was never a warning, so neither is its end.
                _logger.Log(instance.FaultWarned ? LogLevel.Warning : LogLevel.Information, "CommunicationFault cleared on {Api} {ModuleId}", instance.Api.ToWireName(), instance.ModuleId);
                instance.FaultWarned = false;
                GroundTruth.Clear(instance.Api.ToWireName(), instance.ModuleId, now);
            }

            return;
        }

        switch (instance.Api)
        {
            case EverestApiType.EvseManagerConsumer:
                ApplyToEvse(_evsesByModule[instance.ModuleId].Simulation, operation, argument, now);
                break;
            case EverestApiType.ExternalEnergyLimitsConsumer when argument is Wire.ExternalLimits limits:
                var evse = _evsesByLimitsModule[instance.ModuleId];
                var hardware = evse.Options.Hardware;
                evse.Simulation.SetExternalLimits(WireMapping.FromExternalLimits(limits, hardware.VoltageV, hardware.Phases), now);
                break;
            case EverestApiType.OcppConsumer when argument is Wire.MonitorVariableRequestList monitors:
                var charger = _chargersByModule[instance.ModuleId];
                foreach (var variable in monitors.Items)
                {
                    charger.Monitored.Add(Key(variable));
                }

                break;
            case EverestApiType.System when argument is Wire.FirmwareUpdateStatus status:
                OnFirmwareUpdateStatus(_chargersByModule[instance.ModuleId], status, now);
                break;
            default:
                // system log_status and session_cost messages are recorded, nothing more.
                break;
        }
    }

    private static void ApplyToEvse(Evse.EvseSimulation simulation, string operation, object? argument, DateTimeOffset now)
    {
        switch (operation)
        {
            case "authorize_response" when argument is Wire.AuthorizeResponseArgs args:
                simulation.Authorize(WireMapping.FromProvidedIdToken(args.Token), args.Result.AuthorizationStatus.Value == "Accepted", args.Result.ReservationId, now);
                break;
            case "withdraw_authorization":
                simulation.WithdrawAuthorization(now);
                break;
            case "cancel_reservation":
                simulation.CancelReservation(now);
                break;
            case "random_delay_enable":
                simulation.EnableRandomDelay(now);
                break;
            case "random_delay_disable":
                simulation.DisableRandomDelay(now);
                break;
            case "random_delay_cancel":
                simulation.CancelRandomDelay(now);
                break;
            case "random_delay_set_duration_s" when argument is int seconds:
                simulation.SetRandomDelayMaxDuration(seconds, now);
                break;
            default:
                break;
        }
    }

    /// <summary>Publishes what a command made an EVSE emit.</summary>
    private void PublishAffected(ApiInstance instance)
    {
        var evse = instance.Api switch
        {
            EverestApiType.EvseManagerConsumer => _evsesByModule[instance.ModuleId],
            EverestApiType.ExternalEnergyLimitsConsumer => _evsesByLimitsModule[instance.ModuleId],
            _ => null,
        };
        if (evse is not null)
        {
            PublishOutputs(evse, evse.Simulation.DrainOutputs());
        }
    }

    private void Reject(CommandRecord record)
    {
        Interlocked.Increment(ref _rejectedMessages);
        GroundTruth.Add(record);
        _logger.LogDebug("Dropped {Api} {Operation} for {ModuleId} without reply ({Outcome}): {Error}", record.Api, record.Operation, record.ModuleId, record.Outcome, record.Error);
    }

    private static bool TryDecode(JsonElement element, Type type, out object? value, out string error)
    {
        try
        {
            value = EverestJson.Decode(element, type);
            error = string.Empty;
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException)
        {
            value = null;
            error = exception.Message;
            return false;
        }
    }

    private static bool IsJsonObject(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Key(Wire.ComponentVariable variable) => $"{variable.Component.Name}/{variable.Variable.Name}";
}
