using Akka.Actor;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Firmware;

/// <summary>
/// Answers EVerest's system API requests (<c>update_firmware</c>, <c>upload_logs</c>, <c>is_reset_allowed</c>,
/// <c>set_system_time</c>, <c>get_boot_reason</c>) by asking the charger's <see cref="SystemActor"/>. The responder's
/// reply deadline bounds each ask; past it EVerest gets the contract's safe default.
/// </summary>
public static class SystemRequestHandlers
{
    public static void Register(EverestRequestResponder responder, IActorRef firmware, IReadOnlyList<SystemChargerPlan> chargers)
    {
        ArgumentNullException.ThrowIfNull(responder);
        ArgumentNullException.ThrowIfNull(firmware);
        ArgumentNullException.ThrowIfNull(chargers);
        var chargerByModule = chargers.ToDictionary(c => c.SystemModuleId, c => c.ChargerId, StringComparer.Ordinal);

        Task<TReply> Ask<TRequest, TReply>(ReversedRequest<TRequest> request, object message, CancellationToken deadline) =>
            chargerByModule.TryGetValue(request.ModuleId, out var chargerId)
                ? firmware.Ask<TReply>(new SystemEnvelope(chargerId, message), cancellationToken: deadline)
                : Task.FromException<TReply>(new KeyNotFoundException($"No charger has system-module-id '{request.ModuleId}'."));

        responder.Handle<FirmwareUpdateRequest, UpdateFirmwareResponse>(EverestApiType.System, "update_firmware", (r, t) => Ask<FirmwareUpdateRequest, UpdateFirmwareResponse>(r, new UpdateFirmware(r.Payload), t));
        responder.Handle<UploadLogsRequest, UploadLogsResponse>(EverestApiType.System, "upload_logs", (r, t) => Ask<UploadLogsRequest, UploadLogsResponse>(r, new UploadLogs(r.Payload), t));
        responder.Handle<ResetType, bool>(EverestApiType.System, "is_reset_allowed", (r, t) => Ask<ResetType, bool>(r, new IsResetAllowed(r.Payload), t));
        responder.Handle<DateTimeOffset, bool>(EverestApiType.System, "set_system_time", (r, t) => Ask<DateTimeOffset, bool>(r, new SetSystemTime(r.Payload), t));
        responder.Handle<NoPayload, BootReason>(EverestApiType.System, "get_boot_reason", (r, t) => Ask<NoPayload, BootReason>(r, GetBootReason.Instance, t));
    }
}
