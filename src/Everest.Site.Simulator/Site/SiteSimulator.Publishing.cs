using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Everest.Site.Simulator.Evse;
using Microsoft.Extensions.Logging;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Site;

/// <summary>What the simulated EVerest publishes (<c>e2m</c>), and the ground truth it feeds.</summary>
public sealed partial class SiteSimulator
{
    private void PublishOutputs(SimulatedEvse evse, IReadOnlyList<EvseOutput> outputs)
    {
        var api = EverestApiType.EvseManagerConsumer;
        var module = evse.ModuleId;
        var hardware = evse.Options.Hardware;
        foreach (var output in outputs)
        {
            switch (output)
            {
                case SessionEventOutput { Event: var record }:
                    Publish(api, module, "session_event", WireMapping.ToSessionEvent(record, hardware.MeterSerial, hardware.IsDc), MqttQos.AtLeastOnce);
                    RecordSessionEvent(evse, record);
                    PublishOcppTransactionEvent(evse, record);
                    if (hardware.IsDc)
                    {
                        PublishDcMode(evse, record.Kind);
                    }

                    break;
                case OfferedLimitChanged limits:
                    Publish(api, module, "limits", new Wire.Limits(limits.MaxCurrentA, limits.Phases, module), MqttQos.AtLeastOnce);
                    break;
                case ExternalLimitsChanged changed:
                    Publish(api, module, "enforced_limits", WireMapping.ToEnforcedLimits(module, changed.Schedule, hardware.MaxCurrentA, evse.Simulation.Now), MqttQos.AtLeastOnce);
                    break;
                case VehicleConnected { Vehicle: var vehicle }:
                    Publish(api, module, "ev_info", WireMapping.ToEvInfo(vehicle, evse.Simulation, evse.AnnouncedDepartureAt), MqttQos.AtLeastOnce);
                    Publish(api, module, "car_manufacturer", Wire.CarManufacturer.FromWire(vehicle.Profile.Manufacturer.ToString()), MqttQos.AtLeastOnce);
                    Publish(api, module, "selected_protocol", WireMapping.SelectedProtocol(hardware), MqttQos.AtLeastOnce);
                    Publish(api, module, "ac_nr_of_phases_available", hardware.Phases, MqttQos.AtLeastOnce);
                    if (hardware.IsDc)
                    {
                        Publish(api, module, "dlink_ready", true, MqttQos.AtLeastOnce);
                    }
                    else if (hardware.ConnectorType.StartsWith('s'))
                    {
                        Publish(api, module, "ac_pp_ampacity", new Wire.ProximityPilot(Wire.CableAmpacity.FromWire("A_32")), MqttQos.AtLeastOnce);
                    }

                    break;
                case VehicleDisconnected:
                    if (hardware.IsDc)
                    {
                        Publish(api, module, "dlink_ready", false, MqttQos.AtLeastOnce);
                    }
                    else if (hardware.ConnectorType.StartsWith('s'))
                    {
                        Publish(api, module, "ac_pp_ampacity", new Wire.ProximityPilot(Wire.CableAmpacity.FromWire("None")), MqttQos.AtLeastOnce);
                    }

                    break;
                case IsolationMeasured isolation:
                    Publish(api, module, "isolation_measurement", new Wire.IsolationMeasurement(isolation.ResistanceOhm, isolation.VoltageV), MqttQos.AtLeastOnce);
                    break;
                case RandomDelayChanged { Status: var delay }:
                    Publish(api, module, "random_delay_countdown", new Wire.RandomDelayCountdown(delay.CountdownS, delay.CurrentLimitAfterDelayA, delay.CurrentLimitDuringDelayA, delay.StartTime), MqttQos.AtMostOnce);
                    break;
                case ReadinessChanged readiness:
                    Publish(api, module, "waiting_for_external_ready", readiness.WaitingForExternalReady, MqttQos.AtLeastOnce);
                    Publish(api, module, "ready", readiness.Ready, MqttQos.AtLeastOnce);
                    break;
                case LimitExceeded { Exceedance: var exceedance }:
                    GroundTruth.Add(exceedance);
                    _logger.LogDebug("EVSE {EvseId} drew {ActualA} A above its limit of {LimitA} A from {Start} to {End}", exceedance.EvseId, exceedance.MaxActualA, exceedance.LimitA, exceedance.Start, exceedance.End);
                    break;
                default:
                    break;
            }
        }

        if (outputs.Count > 0 && evse.Simulation.State != evse.LastPublishedState)
        {
            PublishSessionInfo(evse, evse.Simulation.Now);
        }
    }

    private void PublishPeriodic(SimulatedEvse evse, DateTimeOffset now)
    {
        var api = EverestApiType.EvseManagerConsumer;
        var module = evse.ModuleId;
        var simulation = evse.Simulation;
        var hardware = evse.Options.Hardware;
        if (Due(now, evse.NextStaticInfoAt, _options.StaticInfoInterval, out var nextStatic))
        {
            evse.NextStaticInfoAt = nextStatic;
            Publish(api, module, "evse_id", hardware.EvseId, MqttQos.AtLeastOnce);
            Publish(api, module, "hw_capabilities", WireMapping.ToHardwareCapabilities(hardware), MqttQos.AtLeastOnce);
            Publish(api, module, "supported_energy_transfer_modes", WireMapping.SupportedModes(hardware), MqttQos.AtLeastOnce);
            Publish(api, module, "powermeter_public_key_ocmf", simulation.MeterPublicKey, MqttQos.AtLeastOnce);
            Publish(api, module, "ac_nr_of_phases_available", hardware.Phases, MqttQos.AtLeastOnce);
            if (hardware.IsDc)
            {
                Publish(api, module, "dc_capabilities", new Wire.DcCapabilities(false, 1000, 150, hardware.MaxCurrentA * 3 * hardware.VoltageV / WireMapping.DcBatteryVoltageV, 0, hardware.MaxCurrentA * 3 * hardware.VoltageV), MqttQos.AtLeastOnce);
            }
        }

        if (Due(now, evse.NextPowermeterAt, _options.PowermeterInterval, out var nextPowermeter))
        {
            evse.NextPowermeterAt = nextPowermeter;
            Publish(api, module, "powermeter", WireMapping.ToPowermeter(simulation.Meter, hardware.MeterSerial, hardware.IsDc), MqttQos.AtMostOnce);
            if (hardware.IsDc && simulation.Vehicle is not null)
            {
                var powerW = simulation.Meter.PowerW;
                Publish(api, module, "dc_voltage_current", new Wire.DcVoltageCurrent(WireMapping.DcBatteryVoltageV, Math.Round(powerW / WireMapping.DcBatteryVoltageV, 3)), MqttQos.AtMostOnce);
            }
        }

        if (simulation.SessionUuid is not null && Due(now, evse.NextSessionInfoAt, _options.SessionInfoInterval, out var nextInfo))
        {
            evse.NextSessionInfoAt = nextInfo;
            PublishSessionInfo(evse, now);
        }

        if (simulation.Vehicle is { } vehicle && Due(now, evse.NextEvInfoAt, _options.EvInfoInterval, out var nextEvInfo))
        {
            evse.NextEvInfoAt = nextEvInfo;
            Publish(api, module, "ev_info", WireMapping.ToEvInfo(vehicle, simulation, evse.AnnouncedDepartureAt), MqttQos.AtMostOnce);
        }
    }

    private void PublishSessionInfo(SimulatedEvse evse, DateTimeOffset now)
    {
        evse.LastPublishedState = evse.Simulation.State;
        Publish(EverestApiType.EvseManagerConsumer, evse.ModuleId, "session_info", WireMapping.ToSessionInfo(evse.Simulation, now), MqttQos.AtMostOnce);
    }

    private void PublishDcMode(SimulatedEvse evse, SessionEventKind kind)
    {
        Wire.DcSupplyMode? mode = kind switch
        {
            SessionEventKind.ChargingStarted or SessionEventKind.ChargingResumed => Wire.DcSupplyMode.FromWire("Export"),
            SessionEventKind.ChargingPausedEV or SessionEventKind.ChargingPausedEVSE or SessionEventKind.WaitingForEnergy
                or SessionEventKind.ChargingFinished => Wire.DcSupplyMode.FromWire("Off"),
            _ => null,
        };
        if (mode is { } value)
        {
            Publish(EverestApiType.EvseManagerConsumer, evse.ModuleId, "dc_mode", value, MqttQos.AtLeastOnce);
        }
    }

    private void PublishOcppTransactionEvent(SimulatedEvse evse, SessionEventRecord record)
    {
        if (!evse.Charger.PlaysOcpp)
        {
            // No OCPP module, no CSMS: the ground truth carries no CSMS transaction id either.
            return;
        }

        var ocppModule = evse.Charger.OcppModuleId;
        var ocppEvse = new Wire.OcppEvse(evse.Options.Hardware.EvseNumber, 1);
        switch (record.Kind)
        {
            case SessionEventKind.TransactionStarted:
                evse.CsmsTransactionId = (_nextCsmsTransactionNumber++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                evse.ChargedBeforeInTransaction = false;
                GroundTruth.Update(record.SessionUuid, s => s! with { CsmsTransactionId = evse.CsmsTransactionId });
                Publish(EverestApiType.OcppConsumer, ocppModule, "ocpp_transaction_event", new Wire.OcppTransactionEvent(Wire.OcppTransactionEventType.Started, record.SessionUuid, ocppEvse, evse.CsmsTransactionId), MqttQos.AtLeastOnce);
                break;
            case SessionEventKind.ChargingStarted or SessionEventKind.ChargingPausedEVSE when evse.CsmsTransactionId is not null:
                // OCPP reports charging-state changes inside a transaction as updates; the first start is part of Started.
                if (evse.ChargedBeforeInTransaction || record.Kind == SessionEventKind.ChargingPausedEVSE)
                {
                    Publish(EverestApiType.OcppConsumer, ocppModule, "ocpp_transaction_event", new Wire.OcppTransactionEvent(Wire.OcppTransactionEventType.Updated, record.SessionUuid, ocppEvse, evse.CsmsTransactionId), MqttQos.AtLeastOnce);
                }

                evse.ChargedBeforeInTransaction = true;
                break;
            case SessionEventKind.TransactionFinished when evse.CsmsTransactionId is not null:
                Publish(EverestApiType.OcppConsumer, ocppModule, "ocpp_transaction_event", new Wire.OcppTransactionEvent(Wire.OcppTransactionEventType.Ended, record.SessionUuid, ocppEvse, evse.CsmsTransactionId), MqttQos.AtLeastOnce);
                evse.CsmsTransactionId = null;
                break;
            default:
                break;
        }
    }

    private void PublishChargerStartup(ChargerRuntime charger, DateTimeOffset now)
    {
        var ocpp = charger.Options.OcppModuleId;
        Publish(EverestApiType.OcppConsumer, ocpp, "boot_notification_response", new Wire.BootNotificationResponse(Wire.RegistrationStatus.FromWire("Accepted"), now, 60), MqttQos.AtLeastOnce);
        Publish(EverestApiType.OcppConsumer, ocpp, "is_connected", true, MqttQos.AtLeastOnce);
        Publish(EverestApiType.OcppConsumer, ocpp, "security_event", new Wire.SecurityEvent("StartupOfTheDevice", "Simulated charger booted", Critical: false, Timestamp: now), MqttQos.AtLeastOnce);
    }

    private void PublishChargerPeriodic(ChargerRuntime charger, DateTimeOffset now)
    {
        if (!Due(now, charger.NextChargingSchedulesAt, _options.ChargingSchedulesInterval, out var next))
        {
            return;
        }

        charger.NextChargingSchedulesAt = next;
        var duration = (int)_options.ChargingSchedulesInterval.TotalSeconds;
        var start = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var schedules = new List<Wire.ChargingSchedule>
        {
            new(0, "A", [new Wire.ChargingSchedulePeriod(0, _options.CsmsStationLimitA, NumberPhases: 3)], duration, start),
        };
        schedules.AddRange(charger.Options.Evses.Select(e =>
            new Wire.ChargingSchedule(e.Hardware.EvseNumber, "A", [new Wire.ChargingSchedulePeriod(0, _options.CsmsEvseLimitsA.GetValueOrDefault(e.Hardware.EvseNumber, e.Hardware.MaxCurrentA), NumberPhases: e.Hardware.Phases)], duration, start)));
        Publish(EverestApiType.OcppConsumer, charger.Options.OcppModuleId, "charging_schedules", new Wire.ChargingSchedules(schedules), MqttQos.AtLeastOnce);
    }

    private void PublishHeartbeat(ApiInstance instance, DateTimeOffset now)
    {
        if (!Due(now, instance.NextHeartbeatAt, _options.HeartbeatInterval, out var next))
        {
            return;
        }

        instance.NextHeartbeatAt = next;
        Publish(instance.Api, instance.ModuleId, EverestApiContract.Heartbeat, unchecked(instance.NextHeartbeat++), MqttQos.AtMostOnce);
    }

    private void PublishEventData(ChargerRuntime charger, Wire.ComponentVariable variable, string value, DateTimeOffset now) =>
        Publish(
            EverestApiType.OcppConsumer,
            charger.Options.OcppModuleId,
            "event_data",
            new Wire.EventData(variable, charger.NextEventId++, now, Wire.EventTrigger.FromWire("Delta"), value, Wire.EventNotificationType.FromWire("CustomMonitor")),
            MqttQos.AtLeastOnce);

    /// <summary>Publishes a payload of the contract's type for <paramref name="operation"/> on <c>e2m/{operation}</c>.</summary>
    private void Publish<T>(EverestApiType api, string moduleId, string operation, T payload, MqttQos qos)
    {
        // A charger may run without an OCPP or session-cost module; what it would have said there is not said.
        if (api is EverestApiType.OcppConsumer or EverestApiType.SessionCost && !_instances.ContainsKey((api, moduleId)))
        {
            return;
        }

        var descriptor = EverestApiContract.Get(api, operation);
        var body = EverestJson.Encode(payload, descriptor.PayloadType!);
        var topic = EverestTopic.FromEverest(api, moduleId, operation).ToString();
        GroundTruth.CountPublished($"{api.ToWireName()}/e2m/{operation}");
        Send(new MqttMessage(topic, body, qos));
    }

    /// <summary>
    /// Publishes, or keeps a QoS 1 message for later while the broker is away or earlier messages still wait (so the
    /// order holds), as EVerest's MQTT client does.
    /// </summary>
    private void Send(MqttMessage message)
    {
        if (_outbox.Count > 0 || _transport.State != MqttConnectionState.Connected)
        {
            KeepForLater(message);
            return;
        }

        Task publish;
        try
        {
            publish = _transport.PublishAsync(message, _stopping.Token);
        }
#pragma warning disable CA1031 // A broker that is away must not stop the simulation; the message waits or is counted.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            publish = Task.FromException(exception);
        }

        _inflightPublishes.Add((message, publish));
    }

    private void KeepForLater(MqttMessage message)
    {
        var dropped = _outbox.Dropped;
        if (!_outbox.Keep(message) || _outbox.Dropped != dropped)
        {
            Interlocked.Increment(ref _publishFailures);
        }

        if (_outbox.Dropped > dropped && _outbox.Dropped == 1)
        {
            _logger.LogWarning("The broker is away for too long: {Capacity} QoS 1 messages wait to be published; the oldest are dropped from now on", _outbox.Capacity);
        }
    }

    /// <summary>
    /// Awaits what was published in this step; QoS 1 messages whose publishing failed (the broker went away before
    /// its PUBACK) go back in front of the outbox. Then, once connected, publishes what the outbox kept, in order.
    /// </summary>
    private async Task FlushPublishesAsync()
    {
        var failed = await AwaitPublishesAsync();
        _outbox.Return(failed);
        if (_outbox.Count == 0 || _transport.State != MqttConnectionState.Connected)
        {
            return;
        }

        var waiting = _outbox.TakeAll();
        _logger.LogInformation("The broker is back: publishing {Count} messages kept while it was away", waiting.Count);
        foreach (var message in waiting)
        {
            Send(message);
        }

        _outbox.Return(await AwaitPublishesAsync());
    }

    private async Task<List<MqttMessage>> AwaitPublishesAsync()
    {
        var failed = new List<MqttMessage>();
        foreach (var (message, publish) in _inflightPublishes)
        {
            try
            {
                await publish;
            }
#pragma warning disable CA1031 // See Send: the message waits for the broker, never fatal.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failed.Add(message);
                if (message.Qos == MqttQos.AtMostOnce)
                {
                    Interlocked.Increment(ref _publishFailures);
                }

                if (Interlocked.Increment(ref _publishAttemptsFailed) == 1)
                {
                    _logger.LogWarning(exception, "Publishing failed; QoS 1 messages are kept and published again when the broker is back");
                }
            }
        }

        _inflightPublishes.Clear();
        return failed;
    }

    /// <summary>True when a periodic publication is due; the next time skips missed slots instead of bursting.</summary>
    private static bool Due(DateTimeOffset now, DateTimeOffset dueAt, TimeSpan interval, out DateTimeOffset next)
    {
        next = dueAt;
        if (now < dueAt)
        {
            return false;
        }

        next = dueAt + interval;
        if (next <= now)
        {
            next = now + interval;
        }

        return true;
    }
}
