using Everest.Site.EverestApi.Messages;

namespace Everest.Site.EverestApi;

/// <summary>
/// Typed commands to one EvseManager through its <c>evse_manager_consumer</c> API instance. Requests throw
/// <see cref="EverestRequestTimeoutException"/> when EVerest does not answer in time.
/// </summary>
public sealed class EvseManagerClient(EverestApiClient client, string moduleId)
{
    private const EverestApiType Api = EverestApiType.EvseManagerConsumer;

    /// <summary>The API module id (the <c>module-id</c> of the EVSE in our configuration).</summary>
    public string ModuleId { get; } = moduleId;

    /// <summary>The EVSE and its connectors.</summary>
    public Task<Evse> GetEvseAsync(CancellationToken cancellationToken = default) =>
        client.RequestAsync<Evse>(Api, ModuleId, "get_evse", cancellationToken);

    /// <summary>Sets one source's enable/disable entry; returns whether the EVSE is enabled afterwards (a stronger source may decide).</summary>
    public Task<bool> EnableDisableAsync(EnableDisableRequest request, CancellationToken cancellationToken = default) =>
        client.RequestAsync<EnableDisableRequest, bool>(Api, ModuleId, "enable_disable", request, cancellationToken);

    /// <summary>Reserves the EVSE; false unless it is idle, enabled and not reserved under another id.</summary>
    public Task<bool> ReserveAsync(int reservationId, CancellationToken cancellationToken = default) =>
        client.RequestAsync<int, bool>(Api, ModuleId, "reserve", reservationId, cancellationToken);

    /// <summary>Pauses charging; succeeds only while charging.</summary>
    public Task<bool> PauseChargingAsync(CancellationToken cancellationToken = default) =>
        client.RequestAsync<bool>(Api, ModuleId, "pause_charging", cancellationToken);

    /// <summary>Resumes charging; succeeds only from ChargingPausedEVSE with a transaction.</summary>
    public Task<bool> ResumeChargingAsync(CancellationToken cancellationToken = default) =>
        client.RequestAsync<bool>(Api, ModuleId, "resume_charging", cancellationToken);

    /// <summary>Stops the current transaction.</summary>
    public Task<bool> StopTransactionAsync(StopTransactionRequest request, CancellationToken cancellationToken = default) =>
        client.RequestAsync<StopTransactionRequest, bool>(Api, ModuleId, "stop_transaction", request, cancellationToken);

    /// <summary>Unlocks a connector now, outside the normal sequence.</summary>
    public Task<bool> ForceUnlockAsync(int connectorId, CancellationToken cancellationToken = default) =>
        client.RequestAsync<int, bool>(Api, ModuleId, "force_unlock", connectorId, cancellationToken);

    /// <summary>Signals that an external module finished its initialization; true when the EvseManager used the signal.</summary>
    public Task<bool> ExternalReadyToStartChargingAsync(CancellationToken cancellationToken = default) =>
        client.RequestAsync<bool>(Api, ModuleId, "external_ready_to_start_charging", cancellationToken);

    /// <summary>Reports the result of an authorization request (fire-and-forget).</summary>
    public Task AuthorizeResponseAsync(AuthorizeResponseArgs response, CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "authorize_response", response, cancellationToken);

    /// <summary>Withdraws the EVSE's authorization (fire-and-forget).</summary>
    public Task WithdrawAuthorizationAsync(CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "withdraw_authorization", cancellationToken);

    /// <summary>Ends the EVSE's reservation (fire-and-forget).</summary>
    public Task CancelReservationAsync(CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "cancel_reservation", cancellationToken);

    /// <summary>Enables the UK random delay (fire-and-forget).</summary>
    public Task RandomDelayEnableAsync(CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "random_delay_enable", cancellationToken);

    /// <summary>Disables the UK random delay (fire-and-forget).</summary>
    public Task RandomDelayDisableAsync(CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "random_delay_disable", cancellationToken);

    /// <summary>Cancels a running random delay as if it expired now (fire-and-forget).</summary>
    public Task RandomDelayCancelAsync(CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "random_delay_cancel", cancellationToken);

    /// <summary>Sets the maximum random delay in seconds (fire-and-forget).</summary>
    public Task RandomDelaySetDurationAsync(int seconds, CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "random_delay_set_duration_s", seconds, cancellationToken);
}
