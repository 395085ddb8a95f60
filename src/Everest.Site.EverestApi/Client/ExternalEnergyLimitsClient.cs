using Everest.Site.EverestApi.Messages;

namespace Everest.Site.EverestApi;

/// <summary>Per-EVSE limit schedules through one <c>external_energy_limits_consumer</c> API instance.</summary>
public sealed class ExternalEnergyLimitsClient(EverestApiClient client, string moduleId)
{
    public string ModuleId { get; } = moduleId;

    /// <summary>
    /// Replaces the EVSE's schedules (fire-and-forget). All three arrays are required; the last entry stays in
    /// force forever, so end every schedule in a safe fallback.
    /// </summary>
    public Task SetExternalLimitsAsync(ExternalLimits limits, CancellationToken cancellationToken = default) =>
        client.SendAsync(EverestApiType.ExternalEnergyLimitsConsumer, ModuleId, "set_external_limits", limits, cancellationToken);
}
