using Akka.Actor;
using Microsoft.Extensions.Hosting;

namespace Everest.Site.Billing.Projection;

/// <summary>
/// Starts the billing projection once the actor system (and with it the journal) runs. It is stopped by the actor
/// system's coordinated shutdown, after the EVSE actors stopped persisting and before the journal closes.
/// </summary>
internal sealed class BillingProjectionService(BillingProjection projection, ActorSystem system) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => projection.StartAsync(system, cancellationToken);

    /// <summary>Nothing to do here: the coordinated shutdown stops the projection in its order.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
