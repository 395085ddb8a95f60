using Everest.Site.EverestApi;
using Everest.Site.Mqtt;
using Everest.Site.Simulator.Site;
using Microsoft.Extensions.Logging.Abstractions;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Tests.Site;

/// <summary>
/// The test's stand-in for the site controller, built from the EverestApi client pieces: request/reply and
/// fire-and-forget commands, communication checks for every instance, and a responder for EVerest's requests.
/// </summary>
internal sealed class AcceptanceController : IAsyncDisposable
{
    private readonly EverestApiClient _client;
    private readonly EverestRequestResponder _responder;
    private readonly CommunicationCheckKeeper _keeper;

    public AcceptanceController(IMqttTransport transport, TimeProvider time)
    {
        var options = new EverestApiOptions();
        _client = new EverestApiClient(transport, options, time, NullLogger<EverestApiClient>.Instance);
        _responder = new EverestRequestResponder(transport, options, time, NullLogger<EverestRequestResponder>.Instance);
        _keeper = new CommunicationCheckKeeper(transport, options, time, NullLogger<CommunicationCheckKeeper>.Instance);
    }

    public long AnsweredForEverest => _responder.Answered;

    /// <summary>How many API instances get a communication check each round.</summary>
    public int CheckedInstances => _keeper.Topics.Count;

    public async Task StartAsync(SimulatorOptions site)
    {
        _responder.Handle<Wire.FirmwareUpdateRequest, Wire.UpdateFirmwareResponse>(EverestApiType.System, "update_firmware", (_, _) => Task.FromResult(Wire.UpdateFirmwareResponse.Accepted));
        _responder.Handle<Wire.UploadLogsRequest, Wire.UploadLogsResponse>(EverestApiType.System, "upload_logs", (_, _) => Task.FromResult(new Wire.UploadLogsResponse(Wire.UploadLogsStatus.FromWire("Accepted"), "site.log")));
        _responder.Handle<Wire.ResetType, bool>(EverestApiType.System, "is_reset_allowed", (request, _) => Task.FromResult(request.Payload.Value == "Hard"));
        _responder.Handle<DateTimeOffset, bool>(EverestApiType.System, "set_system_time", (_, _) => Task.FromResult(true));
        _responder.Handle<NoPayload, Wire.BootReason>(EverestApiType.System, "get_boot_reason", (_, _) => Task.FromResult(Wire.BootReason.FromWire("PowerUp")));
        _responder.Handle<Wire.DataTransferRequest, Wire.DataTransferResponse>(EverestApiType.OcppConsumer, "data_transfer_incoming", (_, _) => Task.FromResult(new Wire.DataTransferResponse(Wire.DataTransferStatus.FromWire("Accepted"))));

        foreach (var charger in site.Chargers)
        {
            await _responder.AddInstanceAsync(EverestApiType.System, charger.SystemModuleId);
            await _responder.AddInstanceAsync(EverestApiType.OcppConsumer, charger.OcppModuleId);
            _keeper.Add(EverestApiType.System, charger.SystemModuleId);
            _keeper.Add(EverestApiType.OcppConsumer, charger.OcppModuleId);
            _keeper.Add(EverestApiType.SessionCost, charger.SessionCostModuleId);
            foreach (var evse in charger.Evses)
            {
                _keeper.Add(EverestApiType.EvseManagerConsumer, evse.ModuleId);
                _keeper.Add(EverestApiType.ExternalEnergyLimitsConsumer, evse.EnergyLimitsModuleId!);
            }
        }

        _keeper.Start();
    }

    public EvseManagerClient Evse(string moduleId) => new(_client, moduleId);

    public ExternalEnergyLimitsClient Limits(string moduleId) => new(_client, moduleId);

    public OcppConsumerClient Ocpp(string moduleId) => new(_client, moduleId);

    public SessionCostClient SessionCost(string moduleId) => new(_client, moduleId);

    public SystemClient System(string moduleId) => new(_client, moduleId);

    public async ValueTask DisposeAsync()
    {
        await _keeper.DisposeAsync();
        await _responder.DisposeAsync();
        await _client.DisposeAsync();
    }
}
