using Everest.Site.EverestApi.Messages;

namespace Everest.Site.EverestApi;

/// <summary>
/// What we publish on one charger's <c>system</c> API instance. (EVerest's requests to us are answered by
/// <see cref="EverestRequestResponder"/>.)
/// </summary>
public sealed class SystemClient(EverestApiClient client, string moduleId)
{
    private const EverestApiType Api = EverestApiType.System;

    public string ModuleId { get; } = moduleId;

    /// <summary>Reports firmware update progress (fire-and-forget).</summary>
    public Task FirmwareUpdateStatusAsync(FirmwareUpdateStatus status, CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "firmware_update_status", status, cancellationToken);

    /// <summary>Reports log upload progress (fire-and-forget).</summary>
    public Task LogStatusAsync(LogStatus status, CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "log_status", status, cancellationToken);
}
