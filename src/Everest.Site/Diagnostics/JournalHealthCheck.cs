using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Everest.Site.Diagnostics;

/// <summary>
/// <c>journal</c>: the outcome of the newest journal write. A failed write is unhealthy until a later write succeeds
/// (the failing actor restarts under backoff and writes again as soon as the database takes it). Before the first
/// write there is nothing to judge: healthy, saying so.
/// </summary>
internal sealed class JournalHealthCheck(SiteMetrics metrics) : IHealthCheck
{
    public const string Name = "journal";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (metrics.LastJournalWrite is not { } last)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no journal write yet"));
        }

        var data = new Dictionary<string, object> { ["last-write-at"] = last.At.ToString("O", CultureInfo.InvariantCulture) };
        return Task.FromResult(last.Succeeded
            ? HealthCheckResult.Healthy("the last journal write succeeded", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"the last journal write failed: {last.Error}", data: data));
    }
}
