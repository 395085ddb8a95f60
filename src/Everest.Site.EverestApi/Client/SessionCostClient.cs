using Everest.Site.EverestApi.Messages;

namespace Everest.Site.EverestApi;

/// <summary>Cost and tariff texts for the charger's display through one <c>session_cost</c> API instance.</summary>
public sealed class SessionCostClient(EverestApiClient client, string moduleId)
{
    private const EverestApiType Api = EverestApiType.SessionCost;

    public string ModuleId { get; } = moduleId;

    /// <summary>Publishes a session's running or final cost (fire-and-forget).</summary>
    public Task SessionCostAsync(SessionCost cost, CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "session_cost", cost, cancellationToken);

    /// <summary>Publishes tariff texts (fire-and-forget).</summary>
    public Task TariffMessageAsync(TariffMessage message, CancellationToken cancellationToken = default) =>
        client.SendAsync(Api, ModuleId, "tariff_message", message, cancellationToken);
}
