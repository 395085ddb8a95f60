using Akka.Actor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Everest.Site.Hosting;

/// <summary>Unhealthy once the actor system is shutting down or has terminated: the site no longer controls anything.</summary>
internal sealed class ActorSystemHealthCheck(ActorSystem system) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(system.WhenTerminated.IsCompleted || CoordinatedShutdown.Get(system).ShutdownReason is not null
            ? HealthCheckResult.Unhealthy("the actor system is stopping or has stopped")
            : HealthCheckResult.Healthy("the actors are running"));
}
