using Everest.Site.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Everest.Site.Billing.Projection;

/// <summary>Registration of billing in the composition root.</summary>
public static class BillingHosting
{
    /// <summary>
    /// Registers <see cref="BillingSite"/> and, where the journal is in SQLite or PostgreSQL, the read model, the
    /// export, corrections, the projection (started after the actor system) and its health check <c>billing-projection</c>. Call after the actor
    /// system's registration, so that the projection starts once the journal runs.
    /// </summary>
    public static IServiceCollection AddBilling(this IServiceCollection services, EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(new BillingSite(options));
        if (options.Persistence.Provider == PersistenceProvider.Memory)
        {
            return services;
        }

        services.AddSingleton(new BillingDatabase(options.Persistence));
        services.AddSingleton<BillingReadModel>();
        services.AddSingleton<BillingProjection>();
        services.AddSingleton<CdrExport>();
        services.AddSingleton<Corrections.BillingCorrections>();
        services.AddHostedService<BillingProjectionService>();
        services.AddHealthChecks().AddCheck<BillingProjectionHealthCheck>("billing-projection");
        return services;
    }
}
