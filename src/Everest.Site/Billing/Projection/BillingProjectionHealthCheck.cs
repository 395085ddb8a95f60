using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Everest.Site.Billing.Projection;

/// <summary>
/// Health of the billing projection for <c>/health</c>: unhealthy when it is not running, degraded while its stream
/// fails and restarts or while it is more than <see cref="DegradedAfterEvents"/> billing events behind the journal.
/// </summary>
public sealed class BillingProjectionHealthCheck(BillingProjection projection) : IHealthCheck
{
    /// <summary>Events behind the journal from which the projection counts as degraded (a burst after a fleet reconnect stays under it).</summary>
    public const long DegradedAfterEvents = 5_000;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ProjectionLag lag;
        try
        {
            lag = await projection.MeasureLagAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"billing projection: cannot read the journal's database: {e.Message}", e);
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["applied_offset"] = lag.AppliedOffset,
            ["events_behind"] = lag.EventsBehind,
            ["last_commit_at"] = lag.LastCommitAt?.ToString("O", CultureInfo.InvariantCulture) ?? "never",
        };
        if (!lag.Running)
        {
            return HealthCheckResult.Unhealthy("billing projection is not running", data: data);
        }

        if (lag.LastError is { } error)
        {
            return HealthCheckResult.Degraded($"billing projection failed and restarts: {error}", data: data);
        }

        return lag.EventsBehind > DegradedAfterEvents
            ? HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture, $"billing projection is {lag.EventsBehind} events behind the journal"), data: data)
            : HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"billing projection {lag.EventsBehind} events behind"), data);
    }
}
