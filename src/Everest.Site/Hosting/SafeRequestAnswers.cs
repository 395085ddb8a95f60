using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Hosting;

/// <summary>
/// Answers for EVerest's requests that the controller does not act on (ocpp_consumer's data_transfer_incoming):
/// the same safe default EVerest would assume after its timeout, given at once so that EVerest does not block.
/// (The system API's requests are the system actors' business: <see cref="Firmware.SystemRequestHandlers"/>.)
/// Registered explicitly rather than left to the responder's fallback, so that they count as answered, not as
/// unhandled, and an operator reading the counters sees no fault.
/// </summary>
public static class SafeRequestAnswers
{
    public static void Register(EverestRequestResponder responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        responder.Handle<DataTransferRequest, DataTransferResponse>(
            EverestApiType.OcppConsumer, "data_transfer_incoming", (_, _) => Task.FromResult(new DataTransferResponse(DataTransferStatus.Rejected)));
    }
}
