using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.EverestApi;

/// <summary>
/// Our own description of the EVerest API contract: every operation of the five APIs we use, with its
/// direction, kind and payload types. Written from the AsyncAPI specs and EVerest's API modules; the
/// conformance tests check it against the upstream YAML, so drift shows up as a failing test.
/// </summary>
public static class EverestApiContract
{
    /// <summary>The operation every API has: we publish <c>true</c> periodically to tell EVerest we are alive.</summary>
    public const string CommunicationCheck = "communication_check";

    /// <summary>The operation every API has: EVerest's increasing heartbeat counter.</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>Every operation, grouped by API in spec order.</summary>
    public static IReadOnlyList<OperationDescriptor> Operations { get; } = Build();

    private static readonly FrozenDictionary<(EverestApiType Api, string Name), OperationDescriptor> ByName =
        Operations.ToFrozenDictionary(operation => (operation.Api, operation.Name));

    /// <summary>The operations of one API.</summary>
    public static IReadOnlyList<OperationDescriptor> For(EverestApiType api) => [.. Operations.Where(operation => operation.Api == api)];

    /// <summary>Looks up an operation by API and name.</summary>
    public static bool TryFind(EverestApiType api, string name, [NotNullWhen(true)] out OperationDescriptor? operation) =>
        ByName.TryGetValue((api, name), out operation);

    /// <summary>Looks up an operation; throws <see cref="ArgumentException"/> for an operation the contract does not have.</summary>
    public static OperationDescriptor Get(EverestApiType api, string name) =>
        TryFind(api, name, out var operation)
            ? operation
            : throw new ArgumentException($"The {api.ToWireName()} API has no operation '{name}'.", nameof(name));

    private static List<OperationDescriptor> Build()
    {
        const EverestApiType evse = EverestApiType.EvseManagerConsumer;
        const EverestApiType system = EverestApiType.System;
        const EverestApiType limits = EverestApiType.ExternalEnergyLimitsConsumer;
        const EverestApiType ocpp = EverestApiType.OcppConsumer;
        const EverestApiType cost = EverestApiType.SessionCost;

        return
        [
            // evse_manager_consumer: commands to the EvseManager.
            Request(evse, "get_evse", null, typeof(Evse)),
            Request(evse, "enable_disable", typeof(EnableDisableRequest), typeof(bool)),
            Command(evse, "authorize_response", typeof(AuthorizeResponseArgs)),
            Command(evse, "withdraw_authorization", null),
            Request(evse, "reserve", typeof(int), typeof(bool)),
            Command(evse, "cancel_reservation", null),
            Request(evse, "pause_charging", null, typeof(bool)),
            Request(evse, "resume_charging", null, typeof(bool)),
            Request(evse, "stop_transaction", typeof(StopTransactionRequest), typeof(bool)),
            Request(evse, "force_unlock", typeof(int), typeof(bool)),
            Request(evse, "external_ready_to_start_charging", null, typeof(bool)),

            // evse_manager_consumer: EvseManager state and telemetry.
            Publication(evse, "session_event", typeof(SessionEvent)),
            Publication(evse, "limits", typeof(Limits)),
            Publication(evse, "ev_info", typeof(EvInfo)),
            Publication(evse, "car_manufacturer", typeof(CarManufacturer)),
            Publication(evse, "session_info", typeof(SessionInfo)),
            Publication(evse, "powermeter", typeof(Powermeter)),
            Publication(evse, "powermeter_public_key_ocmf", typeof(string)),
            Publication(evse, "evse_id", typeof(string)),
            Publication(evse, "hw_capabilities", typeof(HardwareCapabilities)),
            Publication(evse, "enforced_limits", typeof(EnforcedLimits)),
            Publication(evse, "waiting_for_external_ready", typeof(bool)),
            Publication(evse, "ready", typeof(bool)),
            Publication(evse, "selected_protocol", typeof(string)),
            Publication(evse, "supported_energy_transfer_modes", typeof(IReadOnlyList<EnergyTransferMode>)),

            // evse_manager_consumer: forwarded from board support, SLAC, isolation monitor and DC power supply.
            Publication(evse, "ac_nr_of_phases_available", typeof(int)),
            Publication(evse, "ac_pp_ampacity", typeof(ProximityPilot)),
            Publication(evse, "dlink_ready", typeof(bool)),
            Publication(evse, "isolation_measurement", typeof(IsolationMeasurement)),
            Publication(evse, "dc_voltage_current", typeof(DcVoltageCurrent)),
            Publication(evse, "dc_mode", typeof(DcSupplyMode)),
            Publication(evse, "dc_capabilities", typeof(DcCapabilities)),

            // evse_manager_consumer: UK random delay.
            Command(evse, "random_delay_enable", null),
            Command(evse, "random_delay_disable", null),
            Command(evse, "random_delay_cancel", null),
            Command(evse, "random_delay_set_duration_s", typeof(int)),
            Publication(evse, "random_delay_countdown", typeof(RandomDelayCountdown)),

            Publication(evse, Heartbeat, typeof(ulong)),
            Command(evse, CommunicationCheck, typeof(bool)),

            // system: EVerest asks the system module (us) and we answer.
            ReversedRequest(system, "update_firmware", typeof(FirmwareUpdateRequest), UpdateFirmwareResponse.Rejected),
            Notification(system, "allow_firmware_installation", null),
            ReversedRequest(system, "upload_logs", typeof(UploadLogsRequest), new UploadLogsResponse(UploadLogsStatus.Rejected)),
            ReversedRequest(system, "is_reset_allowed", typeof(ResetType), false),
            Notification(system, "reset", typeof(ResetRequest)),
            ReversedRequest(system, "set_system_time", typeof(DateTimeOffset), false),
            ReversedRequest(system, "get_boot_reason", null, BootReason.Unknown),
            Command(system, "firmware_update_status", typeof(FirmwareUpdateStatus)),
            Command(system, "log_status", typeof(LogStatus)),
            Publication(system, Heartbeat, typeof(ulong)),
            Command(system, CommunicationCheck, typeof(bool)),

            // external_energy_limits_consumer
            Command(limits, "set_external_limits", typeof(ExternalLimits)),
            Publication(limits, Heartbeat, typeof(ulong)),
            Command(limits, CommunicationCheck, typeof(bool)),

            // ocpp_consumer
            ReversedRequest(ocpp, "data_transfer_incoming", typeof(DataTransferRequest), new DataTransferResponse(DataTransferStatus.Rejected)),
            Request(ocpp, "data_transfer_outgoing", typeof(DataTransferRequest), typeof(DataTransferResponse)),
            Request(ocpp, "get_variables", typeof(GetVariableRequestList), typeof(GetVariableResultList)),
            Request(ocpp, "set_variables", typeof(SetVariablesArgs), typeof(SetVariableResultList)),
            Command(ocpp, "monitor_variables", typeof(MonitorVariableRequestList)),
            Publication(ocpp, "ocpp_transaction_event", typeof(OcppTransactionEvent)),
            Publication(ocpp, "is_connected", typeof(bool)),
            Publication(ocpp, "security_event", typeof(SecurityEvent)),
            Publication(ocpp, "boot_notification_response", typeof(BootNotificationResponse)),
            Publication(ocpp, "event_data", typeof(EventData)),
            Publication(ocpp, "charging_schedules", typeof(ChargingSchedules)),
            Publication(ocpp, Heartbeat, typeof(ulong)),
            Command(ocpp, CommunicationCheck, typeof(bool)),

            // session_cost
            Command(cost, "tariff_message", typeof(TariffMessage)),
            Command(cost, "session_cost", typeof(SessionCost)),
            Publication(cost, Heartbeat, typeof(ulong)),
            Command(cost, CommunicationCheck, typeof(bool)),
        ];
    }

    private static OperationDescriptor Request(EverestApiType api, string name, Type? payload, Type reply) =>
        new(api, name, OperationKind.Request, payload, reply);

    private static OperationDescriptor Command(EverestApiType api, string name, Type? payload) =>
        new(api, name, OperationKind.Command, payload);

    private static OperationDescriptor Publication(EverestApiType api, string name, Type payload) =>
        new(api, name, OperationKind.Publication, payload);

    private static OperationDescriptor Notification(EverestApiType api, string name, Type? payload) =>
        new(api, name, OperationKind.Notification, payload);

    private static OperationDescriptor ReversedRequest<TReply>(EverestApiType api, string name, Type? payload, TReply safeDefault)
        where TReply : notnull =>
        new(api, name, OperationKind.ReversedRequest, payload, typeof(TReply), safeDefault);
}
