using System.Globalization;
using Everest.Site.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Everest.Site.Diagnostics;

/// <summary>
/// <c>projections</c>: degraded while a projection of the journal (billing, …) reports a lag above
/// <c>observability.projection-lag-degraded</c>. Its read model is then stale, but nothing is lost: the projection
/// catches up from its stored offset.
/// </summary>
internal sealed class ProjectionLagHealthCheck(SiteMetrics metrics, EverestSiteOptions options) : IHealthCheck
{
    public const string Name = "projections";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lags = metrics.ProjectionLag;
        var data = lags.ToDictionary(pair => pair.Key, pair => (object)(pair.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"), StringComparer.Ordinal);
        var behind = lags.Where(pair => pair.Value > options.Observability.ProjectionLagDegraded).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
        if (behind.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"behind the journal by more than {options.Observability.ProjectionLagDegraded.TotalSeconds:0} s: {string.Join(", ", behind)}", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy(lags.Count == 0 ? "no projection has reported yet" : "every projection is up to date", data));
    }
}
