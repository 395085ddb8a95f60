using Everest.Site.EverestApi.Messages;

namespace Everest.Site.EverestApi;

/// <summary>Our requests and commands on one <c>ocpp_consumer</c> API instance.</summary>
public sealed class OcppConsumerClient(EverestApiClient client, string moduleId)
{
    private const EverestApiType Api = EverestApiType.OcppConsumer;

    public string ModuleId { get; } = moduleId;

    /// <summary>Sends an OCPP DataTransfer to the CSMS and returns its response.</summary>
    public Task<DataTransferResponse> DataTransferOutgoingAsync(DataTransferRequest request, CancellationToken cancellationToken = default) =>
        client.RequestAsync<DataTransferRequest, DataTransferResponse>(Api, ModuleId, "data_transfer_outgoing", request, cancellationToken);

    /// <summary>Reads OCPP variables (configuration keys in OCPP 1.6).</summary>
    public Task<GetVariableResultList> GetVariablesAsync(GetVariableRequestList request, CancellationToken cancellationToken = default) =>
        client.RequestAsync<GetVariableRequestList, GetVariableResultList>(Api, ModuleId, "get_variables", request, cancellationToken);

    /// <summary>Writes OCPP variables.</summary>
    public Task<SetVariableResultList> SetVariablesAsync(SetVariablesArgs request, CancellationToken cancellationToken = default) =>
        client.RequestAsync<SetVariablesArgs, SetVariableResultList>(Api, ModuleId, "set_variables", request, cancellationToken);

    /// <summary>Asks EVerest to publish changes of these variables as <c>event_data</c> (fire-and-forget; extends earlier monitors).</summary>
    public Task MonitorVariablesAsync(MonitorVariableRequestList request, CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "monitor_variables", request, cancellationToken);
}
